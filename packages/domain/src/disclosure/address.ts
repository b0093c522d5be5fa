/**
 * 脱敏 of natural persons' home addresses (G-3): only the part up to the county level is shown.
 *
 * The county part is the address's province (…省, …自治区, the four 直辖市), then its city-level
 * unit (…市, …自治州, …州, …地区, …盟), then its county-level unit (…县, …区, …市, …旗, …自治县,
 * …自治旗), each optional, read from the start: 云南省楚雄彝族自治州元谋县元马镇… → 云南省楚雄彝族自治州元谋县,
 * 示例县城关镇人民路12号 → 示例县, 北京市海淀区中关村大街1号 → 北京市海淀区, 广东省东莞市南城街道… → 广东省东莞市.
 * Whatever follows is replaced by HIDDEN (***): 云南省示例县城关镇人民路12号3栋2单元501室 → 云南省示例县***.
 * An address without a recognisable county part is hidden whole (人民路12号 → ***).
 */

/** What replaces every hidden value in disclosed text (length-independent, so nothing about the value leaks). */
export const HIDDEN = '***';

/**
 * Characters that end, or never occur inside, an administrative unit's name. The first character
 * may be one of them (镇江市, 路桥区, 道县, 乡城县, 社旗县, 厦门市, 市中区), later ones may not,
 * so that 城关镇新区路… is not read as a county.
 */
const NOT_UNIT = '\\s省市县区旗镇乡村路街道号院舍园苑楼厦场店校厂站局司委社组栋幢室*';
const NOT_FIRST = '\\s省县区旗*';
const unit = (extra: string, max: number) => `[^${NOT_FIRST}${extra}][^${NOT_UNIT}${extra}]{0,${max}}?`;
const PROVINCE_RE = new RegExp(
  `^(?:北京市|天津市|上海市|重庆市|内蒙古自治区|广西壮族自治区|西藏自治区|宁夏回族自治区|新疆维吾尔自治区|香港特别行政区|澳门特别行政区|[^${NOT_UNIT}]{2,3}省)`,
  'u',
);
const CITY_RE = new RegExp(`^${unit('', 9)}(?:自治州|地区|盟|市)`, 'u');
const CITY_ZHOU_RE = new RegExp(`^${unit('州', 9)}州`, 'u');
/** 旗县 first: 社旗县 is a 县, not a 旗. */
const COUNTY_RE = new RegExp(`^${unit('', 11)}(?:自治县|自治旗|旗县|县|区|市|旗)`, 'u');
const TOWN_RE = /^.*?(?:镇|乡|街道|苏木)/u;

interface AddressParts {
  /** End of the province, city-level and county-level parts (each the previous when absent). */
  province: number;
  city: number;
  county: number;
}

function addressParts(s: string): AddressParts {
  const province = PROVINCE_RE.exec(s)?.[0].length ?? 0;
  const rest = s.slice(province);
  const city = province + ((CITY_RE.exec(rest) ?? CITY_ZHOU_RE.exec(rest))?.[0].length ?? 0);
  const county = city + (COUNTY_RE.exec(s.slice(city))?.[0].length ?? 0);
  return { province, city, county };
}

/** The address down to the county level ('' when it has none): what a disclosure may show. */
export function addressCountyPart(address: string): string {
  const s = address.trim();
  return s.slice(0, addressParts(s).county);
}

/** The county part followed by HIDDEN; an address that is no more than a county part is returned as is. */
export function maskAddress(address: string): string {
  const s = address.trim();
  const county = addressCountyPart(s);
  return county === s ? s : county + HIDDEN;
}

/** A house number, building, unit, room or village group: what makes an address a person's home. */
const HOUSE_NUMBER_RE = /\d+(?:号楼|号院|号|栋|幢|单元|楼|层|室|组|户|弄|巷|排|社)/gu;
/** Words that mark a text as an address even without a number. */
const ADDRESS_WORD_RE = /[村组寨屯庄镇乡路街巷弄]|社区|小区|胡同|公寓|花园|宿舍/gu;

/**
 * Every spelling of a known address that may appear in a text, longest first: the whole address,
 * without its province, without its city, from the town on (without the county part) and from the
 * street on (without the town), each also cut after each house number (…人民路12号, …人民路12号3栋).
 * Only spellings that say more than a county part are listed; each is masked with maskAddress.
 */
export function addressForms(address: string): string[] {
  const s = address.trim().replace(/\s+/g, '');
  if (!s) return [];
  const { province, city, county } = addressParts(s);
  const town = county + (TOWN_RE.exec(s.slice(county))?.[0].length ?? 0);
  const forms = new Set<string>();
  for (const start of new Set([0, province, city, county, town])) {
    const form = s.slice(start);
    const ends = [...form.matchAll(HOUSE_NUMBER_RE)].map((m) => m.index + m[0].length);
    for (const end of [...ends, form.length]) {
      const candidate = form.slice(0, end);
      if (Array.from(candidate).length >= 3 && addressCountyPart(candidate) !== candidate) forms.add(candidate);
    }
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * Words after which a natural person's address follows in a decision's text: 住址, 家住, 现住,
 * 居住, 户籍地, 暂住, 送达地址, 联系地址 …, and a bare 住 right after a comma or bracket
 * (…，男，汉族，住示例县…) but not 住房, 住宿, 住院, 住建, 住宅 …; not 住所 either: an organisation's
 * registered 住所 is public, and a person's known address is found by addressForms wherever it is.
 */
const ADDRESS_TRIGGER_RE =
  /(?:家庭住址|家庭地址|现住址|住址|家住|现住|居住(?!证)(?:于|在|地)?|户籍所在地|户籍地址|户籍地|暂住(?:于|在|地)?|送达地址|联系地址|通讯地址|(?:^|(?<=[，,、；;（(\s]))住(?![房宿院建手口所户址持宅用]))(?:在|于)?[:：]?[ \u3000]*/gu;
const ADDRESS_RUN_RE = /[^，,。；;、\s（）()：:“”"'‘’《》【】〔〕[\]<>{}]{1,60}/uy;

export interface TextAddress {
  start: number;
  end: number;
  text: string;
}

/**
 * Addresses that follow an address word in free text and say more than a county part. The address
 * runs to the next punctuation and is cut after its last house number or address word (so
 * 住示例县城关镇人民路12号因… yields 示例县城关镇人民路12号); a run with neither after its county
 * part is no address (住院, 住示例县***).
 */
export function findTextAddresses(text: string): TextAddress[] {
  const found: TextAddress[] = [];
  for (const trigger of text.matchAll(ADDRESS_TRIGGER_RE)) {
    const start = trigger.index + trigger[0].length;
    ADDRESS_RUN_RE.lastIndex = start;
    const run = ADDRESS_RUN_RE.exec(text)?.[0];
    if (!run) continue;
    const county = addressCountyPart(run).length;
    const ends = [...run.matchAll(HOUSE_NUMBER_RE), ...run.matchAll(ADDRESS_WORD_RE)]
      .filter((m) => m.index >= county)
      .map((m) => m.index + m[0].length);
    if (ends.length === 0) continue;
    const address = run.slice(0, Math.max(...ends));
    if (maskAddress(address) !== address) found.push({ start, end: start + address.length, text: address });
  }
  return found;
}
