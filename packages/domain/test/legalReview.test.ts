import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type BenchmarkItem,
  benchmarkItemProblems,
  DEFAULT_BENCHMARKS,
  DEFAULT_MAJOR_CATALOG,
  type DiscretionChoice,
  discretionFlag,
  evaluateMajor,
  formatYuan,
  MAJOR_MEASURE_LABELS,
  type MajorFacts,
  type MajorMeasure,
  type MajorRule,
  MIN_REASONED_NOTE,
  majorRuleProblems,
  type PartyType,
  type Penalty,
  REVIEW_CHECK_ITEMS,
  REVIEW_CHECK_LABELS,
  REVIEW_OPINION_LABELS,
  REVIEW_OPINIONS,
  type ReviewCheckFinding,
  type ReviewCheckItem,
  reviewDecisionProblems,
  SANCTION_KIND_LABELS,
  type SanctionKind,
} from '../src/index.js';

/** A proposed decision with nothing major about it: a small fine for an organisation. */
const plain = (over: Partial<MajorFacts> = {}): MajorFacts => ({
  partyType: 'organization',
  sanctions: ['warning', 'fine'],
  fineFen: 500_000,
  confiscationFen: 0,
  measures: [],
  hearingHeld: false,
  deliberationRequired: false,
  referred: false,
  complex: false,
  publicInterest: false,
  ...over,
});

const codes = (facts: MajorFacts) => evaluateMajor(DEFAULT_MAJOR_CATALOG, facts).map((m) => m.code);
const ruleOf = (code: string) => DEFAULT_MAJOR_CATALOG.find((r) => r.code === code);

describe('重大执法决定目录 (S-2, P-58)', () => {
  const cases: { name: string; facts: Partial<MajorFacts>; codes: string[]; why: string }[] = [
    ...(['suspendLicense', 'revokeLicense'] as SanctionKind[]).map((k) => ({
      name: `sanction ${k}`,
      facts: { sanctions: ['warning', k] as SanctionKind[] },
      codes: ['S2-1'],
      why: SANCTION_KIND_LABELS[k],
    })),
    ...(['suspendBusiness', 'closeDown', 'banFromPractice', 'restrictBusiness'] as SanctionKind[]).map((k) => ({
      name: `sanction ${k}`,
      facts: { sanctions: ['fine', k] as SanctionKind[] },
      codes: ['S2-2'],
      why: SANCTION_KIND_LABELS[k],
    })),
    ...(
      [
        ['licenseByTender', 'S2-9'],
        ['licenseWithdrawal', 'S2-9'],
        ['depositTransfer', 'S2-10'],
        ['demolition', 'S2-10'],
        ['auctionProperty', 'S2-10'],
        ['expropriation', 'S2-11'],
      ] as [MajorMeasure, string][]
    ).map(([m, code]) => ({
      name: `measure ${m}`,
      facts: { sanctions: [], fineFen: 0, measures: [m] },
      codes: [code],
      why: MAJOR_MEASURE_LABELS[m],
    })),
    { name: 'hearingHeld', facts: { hearingHeld: true }, codes: ['S2-4'], why: '听证' },
    { name: 'deliberationRequired', facts: { deliberationRequired: true }, codes: ['S2-5'], why: '集体讨论' },
    { name: 'referral', facts: { referred: true }, codes: ['S2-6'], why: '移送' },
    { name: 'complex', facts: { complex: true }, codes: ['S2-7'], why: '案情复杂' },
    { name: 'publicInterest', facts: { publicInterest: true }, codes: ['S2-8'], why: '重大公共利益' },
  ];

  for (const c of cases) {
    it(`S-2 ${c.name}: matches ${c.codes.join(', ')} and says why`, () => {
      const matches = evaluateMajor(DEFAULT_MAJOR_CATALOG, plain(c.facts));
      assert.deepEqual(
        matches.map((m) => m.code),
        c.codes,
      );
      for (const m of matches) {
        assert.ok(m.why.includes(c.why), `${m.code}: “${m.why}” does not name ${c.why}`);
        const rule = ruleOf(m.code);
        assert.ok(rule);
        assert.equal(m.label, rule.label);
        assert.equal(m.criterion, rule.criterion);
        assert.equal(m.requiresDeliberation, rule.requiresDeliberation, 'P-57 flag carried from the rule');
      }
    });
  }

  it('S-2 a plain small fine with nothing else is not major', () => {
    assert.deepEqual(codes(plain()), []);
    assert.deepEqual(codes(plain({ partyType: 'person', fineFen: 20_000 })), []);
    assert.deepEqual(codes(plain({ sanctions: ['warning'], fineFen: 0 })), []);
  });

  it('S-2 names every sanction and measure it caught, and every rule met', () => {
    const [s2] = evaluateMajor(
      DEFAULT_MAJOR_CATALOG,
      plain({ sanctions: ['suspendLicense', 'revokeLicense', 'warning'] }),
    );
    assert.ok(s2?.why.includes('暂扣许可证件') && s2.why.includes('吊销许可证件') && !s2.why.includes('警告'));
    assert.deepEqual(
      codes(plain({ sanctions: ['fine', 'revokeLicense'], fineFen: 20_000_000, hearingHeld: true, referred: true })),
      ['S2-1', 'S2-3', 'S2-4', 'S2-6'],
    );
    const [measure] = evaluateMajor(DEFAULT_MAJOR_CATALOG, plain({ measures: ['depositTransfer', 'demolition'] }));
    assert.ok(measure?.why.includes(MAJOR_MEASURE_LABELS.depositTransfer));
    assert.ok(measure?.why.includes(MAJOR_MEASURE_LABELS.demolition));
  });

  // S2-3: 公民 1万元, 法人或者其他组织 10万元, 以上 inclusive; fine and confiscation add up.
  const THRESHOLD: Record<PartyType, number> = { person: 1_000_000, organization: 10_000_000 };
  for (const partyType of ['person', 'organization'] as PartyType[]) {
    const t = THRESHOLD[partyType];
    const who = partyType === 'person' ? '公民' : '法人或者其他组织';

    it(`S-2 amount (${partyType}): threshold−1 fen is not major, equal and above are`, () => {
      assert.equal(ruleOf('S2-3')?.thresholdFen?.[partyType], t);
      assert.deepEqual(codes(plain({ partyType, fineFen: t - 1 })), []);
      for (const amount of [t, t + 1]) {
        const matches = evaluateMajor(DEFAULT_MAJOR_CATALOG, plain({ partyType, fineFen: amount }));
        assert.deepEqual(
          matches.map((m) => m.code),
          ['S2-3'],
          String(amount),
        );
        const why = matches[0]?.why ?? '';
        assert.ok(why.includes(who), why);
        assert.ok(why.includes(formatYuan(amount)), `“${why}” names ${formatYuan(amount)}`);
        assert.ok(why.includes(`${formatYuan(t)}以上`), why);
      }
      assert.ok(evaluateMajor(DEFAULT_MAJOR_CATALOG, plain({ partyType, fineFen: t + 1 }))[0]?.why.includes('.01元'));
    });

    it(`S-2 amount (${partyType}): fine plus confiscation is summed across the threshold`, () => {
      const fine = Math.floor(t * 0.6);
      const sanctions: SanctionKind[] = ['fine', 'confiscateIllegalGains'];
      assert.deepEqual(codes(plain({ partyType, sanctions, fineFen: fine, confiscationFen: t - fine - 1 })), []);
      const matches = evaluateMajor(
        DEFAULT_MAJOR_CATALOG,
        plain({ partyType, sanctions, fineFen: fine, confiscationFen: t - fine }),
      );
      assert.deepEqual(
        matches.map((m) => m.code),
        ['S2-3'],
      );
      assert.ok(matches[0]?.why.includes(formatYuan(t)));
      assert.deepEqual(
        codes(plain({ partyType, sanctions: ['confiscateIllegalGains'], fineFen: 0, confiscationFen: t })),
        ['S2-3'],
      );
    });
  }

  it('S-2 the organisation threshold is not applied to a person, nor the other way round', () => {
    assert.deepEqual(codes(plain({ partyType: 'person', fineFen: THRESHOLD.person })), ['S2-3']);
    assert.deepEqual(codes(plain({ partyType: 'organization', fineFen: THRESHOLD.person })), []);
  });

  it('S-2 the default catalog is valid, with unique codes', () => {
    for (const rule of DEFAULT_MAJOR_CATALOG) assert.deepEqual(majorRuleProblems(rule), [], rule.code);
    const all = DEFAULT_MAJOR_CATALOG.map((r) => r.code);
    assert.equal(new Set(all).size, all.length);
  });

  it('S-2 a rule without thresholds, sanctions or measures is refused', () => {
    const base = { code: 'X-1', label: '测试规则', requiresDeliberation: false, basis: '' };
    const amount = (thresholdFen?: Partial<Record<PartyType, number>>): MajorRule =>
      ({ ...base, criterion: 'amount', thresholdFen }) as MajorRule;
    for (const t of [undefined, { person: 1_000_000 }, { organization: 1_000_000 }, { person: 0, organization: 1 }]) {
      const problems = majorRuleProblems(amount(t));
      assert.equal(problems.length, 1, JSON.stringify(t));
      assert.match(problems[0] ?? '', /数额标准/);
    }
    assert.deepEqual(majorRuleProblems(amount({ person: 1, organization: 1 })), []);

    for (const sanctions of [undefined, []]) {
      assert.deepEqual(majorRuleProblems({ ...base, criterion: 'sanction', sanctions }), ['规则“X-1”须选择处罚种类']);
    }
    for (const measures of [undefined, []]) {
      assert.deepEqual(majorRuleProblems({ ...base, criterion: 'measure', measures }), ['规则“X-1”须选择执法决定种类']);
    }
    assert.deepEqual(majorRuleProblems({ ...base, code: ' ', label: '', criterion: 'complex' }).length, 2);
    assert.match(majorRuleProblems({ ...base, criterion: 'bogus' as MajorRule['criterion'] }).join(''), /判断依据无效/);
  });

  it('S-2 an amount rule left without thresholds never matches', () => {
    const rule = { ...ruleOf('S2-3'), thresholdFen: undefined } as MajorRule;
    assert.deepEqual(evaluateMajor([rule], plain({ fineFen: 1_000_000_000 })), []);
  });
});

describe('裁量基准 (G-7 discretion item)', () => {
  const penalty = (fineYuan: number, kinds: SanctionKind[] = ['fine']): Penalty => ({
    kinds,
    fineFen: fineYuan * 100,
    confiscationFen: 0,
    detail: '',
  });
  const choose = (code: string, tier: DiscretionChoice['tier']): DiscretionChoice => ({ code, tier, reason: '测试' });
  // AQ-099-2 轻微: 公民 1万–2万元, 法人或者其他组织 5万–10万元.
  const minor = choose('AQ-099-2', 'minor');

  it('G-7 a fine inside the tier range fits, both bounds included', () => {
    for (const yuan of [50_000, 80_000, 100_000]) {
      assert.equal(discretionFlag(DEFAULT_BENCHMARKS, minor, 'organization', penalty(yuan)), null, String(yuan));
    }
    assert.equal(discretionFlag(DEFAULT_BENCHMARKS, minor, 'person', penalty(10_000)), null);
    assert.equal(discretionFlag(DEFAULT_BENCHMARKS, minor, 'person', penalty(20_000)), null);
  });

  it('G-7 a fine below the minimum is flagged with the amount and the range', () => {
    const below = { ...penalty(0), fineFen: 5_000_000 - 1 };
    const flag = discretionFlag(DEFAULT_BENCHMARKS, minor, 'organization', below) ?? '';
    assert.match(flag, /49,999\.99元/);
    assert.match(flag, /50,000元至100,000元/);
    assert.match(flag, /轻微/);
    assert.match(discretionFlag(DEFAULT_BENCHMARKS, minor, 'person', penalty(9_999)) ?? '', /10,000元至20,000元/);
  });

  it('G-7 a fine above the maximum is flagged', () => {
    const above = { ...penalty(0), fineFen: 10_000_000 + 1 };
    assert.match(discretionFlag(DEFAULT_BENCHMARKS, minor, 'organization', above) ?? '', /100,000\.01元/);
    assert.match(discretionFlag(DEFAULT_BENCHMARKS, minor, 'person', penalty(20_001)) ?? '', /超出/);
  });

  it('G-7 a sanction the tier does not allow is flagged by name', () => {
    const flag = discretionFlag(
      DEFAULT_BENCHMARKS,
      minor,
      'organization',
      penalty(80_000, ['fine', 'suspendBusiness']),
    );
    assert.match(flag ?? '', /责令停产停业/);
    assert.doesNotMatch(flag ?? '', /拟处罚种类罚款/);
    assert.equal(
      discretionFlag(
        DEFAULT_BENCHMARKS,
        choose('AQ-099-2', 'severe'),
        'organization',
        penalty(180_000, ['fine', 'suspendBusiness']),
      ),
      null,
    );
  });

  it('G-7 the 不予处罚 tier with a penalty is flagged; without one it fits', () => {
    const exempt = choose('AQ-097-1', 'exempt');
    assert.match(discretionFlag(DEFAULT_BENCHMARKS, exempt, 'organization', penalty(0, ['warning'])) ?? '', /不予处罚/);
    assert.equal(discretionFlag(DEFAULT_BENCHMARKS, exempt, 'organization', null), null);
    assert.equal(discretionFlag(DEFAULT_BENCHMARKS, exempt, 'organization', penalty(0, [])), null);
  });

  it('G-7 an unknown violation code or a tier the item lacks is flagged', () => {
    assert.match(discretionFlag(DEFAULT_BENCHMARKS, choose('AQ-000', 'minor'), 'person', penalty(1)) ?? '', /AQ-000/);
    assert.match(
      discretionFlag(DEFAULT_BENCHMARKS, choose('AQ-099-2', 'exempt'), 'organization', penalty(0, [])) ?? '',
      /没有“不予处罚”阶次/,
    );
  });

  it('G-7 no discretion choice is flagged', () => {
    assert.match(discretionFlag(DEFAULT_BENCHMARKS, null, 'organization', penalty(80_000)) ?? '', /未选择/);
  });

  it('G-7 benchmark items: the defaults are valid; duplicate tiers and inverted ranges are refused', () => {
    for (const item of DEFAULT_BENCHMARKS) assert.deepEqual(benchmarkItemProblems(item), [], item.code);
    const first = DEFAULT_BENCHMARKS[0];
    assert.ok(first);
    const tier = first.tiers[1];
    assert.ok(tier);
    const bad: BenchmarkItem = {
      ...first,
      tiers: [
        tier,
        { ...tier, fine: { person: { minFen: 0, maxFen: 0 }, organization: { minFen: 200, maxFen: 100 } } },
      ],
    };
    const problems = benchmarkItemProblems(bad);
    assert.equal(problems.length, 2, problems.join('；'));
    assert.match(problems.join(''), /重复/);
    assert.match(problems.join(''), /法人或其他组织的罚款幅度无效/);
    assert.match(benchmarkItemProblems({ ...first, tiers: [] }).join(''), /至少应有一个裁量阶次/);
  });
});

describe('审核清单与审核意见 (G-7, S-1)', () => {
  const allPass = (): ReviewCheckFinding[] =>
    REVIEW_CHECK_ITEMS.map((item) => ({ item, finding: 'pass' as const, note: '' }));
  const withFinding = (item: ReviewCheckItem, change: Partial<ReviewCheckFinding>): ReviewCheckFinding[] =>
    allPass().map((f) => (f.item === item ? { ...f, ...change } : f));
  const fields = (problems: { field: string }[]) => problems.map((p) => p.field);
  const FLAG = '拟罚款30,000元超出“轻微”阶次的罚款幅度（50,000元至100,000元）';

  it('G-7 a complete checklist with 同意 and no flag has no problems', () => {
    assert.deepEqual(reviewDecisionProblems(allPass(), 'approve', '', null), []);
  });

  it('G-7 every item is required', () => {
    const problems = reviewDecisionProblems(
      allPass().filter((f) => f.item !== 'factsClear'),
      'approve',
      '',
      null,
    );
    assert.deepEqual(fields(problems), ['findings.factsClear']);
    assert.match(problems[0]?.message ?? '', new RegExp(REVIEW_CHECK_LABELS.factsClear));
    assert.equal(reviewDecisionProblems([], 'approve', '', null).length, REVIEW_CHECK_ITEMS.length);
  });

  it('G-7 an item given twice is refused', () => {
    const twice = [...allPass(), { item: 'lawApplied' as const, finding: 'pass' as const, note: '' }];
    assert.deepEqual(fields(reviewDecisionProblems(twice, 'approve', '', null)), ['findings.lawApplied']);
  });

  it('G-7 an item outside the checklist is refused', () => {
    const extra = [...allPass(), { item: 'weather' as ReviewCheckItem, finding: 'pass' as const, note: '' }];
    assert.deepEqual(fields(reviewDecisionProblems(extra, 'approve', '', null)), ['findings']);
  });

  it('G-7 a problem found needs a note saying what it is', () => {
    for (const note of ['', '   ']) {
      const problems = reviewDecisionProblems(
        withFinding('evidenceSufficient', { finding: 'problem', note }),
        'supplement',
        '请补充调取出入库台账原件。',
        null,
      );
      assert.deepEqual(fields(problems), ['findings.evidenceSufficient']);
      assert.match(problems[0]?.message ?? '', /具体问题/);
    }
    assert.deepEqual(
      reviewDecisionProblems(
        withFinding('evidenceSufficient', { finding: 'problem', note: '台账为复印件，未加盖印章' }),
        'supplement',
        '请补充调取出入库台账原件。',
        null,
      ),
      [],
    );
  });

  it('S-1 同意 is refused while any item is found wanting', () => {
    const findings = withFinding('procedureLawful', { finding: 'problem', note: '未告知听证权利' });
    const problems = reviewDecisionProblems(findings, 'approve', '', null);
    assert.deepEqual(fields(problems), ['opinion']);
    assert.match(problems[0]?.message ?? '', new RegExp(REVIEW_CHECK_LABELS.procedureLawful));
    assert.deepEqual(reviewDecisionProblems(findings, 'correctProcedure', '应补充告知听证权利后重新送审。', null), []);
  });

  it('G-7 a flagged discretion item is approved only with a reasoned note', () => {
    const bare = reviewDecisionProblems(allPass(), 'approve', '', FLAG);
    assert.deepEqual(fields(bare), ['findings.discretion']);
    assert.ok(bare[0]?.message.startsWith(FLAG), 'the flag is quoted');
    assert.match(bare[0]?.message ?? '', new RegExp(`不少于${MIN_REASONED_NOTE}字`));

    const short = '从轻处罚理由成立'.slice(0, MIN_REASONED_NOTE - 1);
    assert.deepEqual(fields(reviewDecisionProblems(withFinding('discretion', { note: short }), 'approve', '', FLAG)), [
      'findings.discretion',
    ]);
    const padded = `  ${'理'.repeat(MIN_REASONED_NOTE - 1)}  `;
    assert.deepEqual(
      fields(reviewDecisionProblems(withFinding('discretion', { note: padded }), 'approve', '', FLAG)),
      ['findings.discretion'],
      'surrounding blanks do not count',
    );
    const reasoned = '当事人初次违法且已全部整改，依法从轻';
    assert.ok(reasoned.length >= MIN_REASONED_NOTE);
    assert.deepEqual(reviewDecisionProblems(withFinding('discretion', { note: reasoned }), 'approve', '', FLAG), []);
    assert.deepEqual(
      reviewDecisionProblems(withFinding('discretion', { note: '理'.repeat(MIN_REASONED_NOTE) }), 'approve', '', FLAG),
      [],
      'exactly the minimum is enough',
    );
  });

  it('G-7 a flagged discretion item cannot be set aside as 不适用 to approve', () => {
    const findings = withFinding('discretion', { finding: 'notApplicable', note: '本案裁量适当，无需另行说明理由' });
    assert.deepEqual(fields(reviewDecisionProblems(findings, 'approve', '', FLAG)), ['findings.discretion']);
    assert.deepEqual(reviewDecisionProblems(findings, 'approve', '', null), []);
  });

  it('G-7 a flagged discretion item found wanting refuses 同意 once, not twice', () => {
    const findings = withFinding('discretion', { finding: 'problem', note: '罚款低于阶次下限且无从轻情节' });
    assert.deepEqual(fields(reviewDecisionProblems(findings, 'approve', '', FLAG)), ['opinion']);
    assert.deepEqual(reviewDecisionProblems(findings, 'amend', '建议按一般阶次重新裁量。', FLAG), []);
  });

  it('S-1 every opinion but 同意 needs its reasons written out', () => {
    for (const opinion of REVIEW_OPINIONS) {
      assert.ok(REVIEW_OPINION_LABELS[opinion], opinion);
      if (opinion === 'approve') continue;
      for (const note of ['', ' \n ']) {
        assert.deepEqual(fields(reviewDecisionProblems(allPass(), opinion, note, null)), ['opinionNote'], opinion);
      }
      assert.deepEqual(reviewDecisionProblems(allPass(), opinion, '理由见审核情况第三项。', null), [], opinion);
    }
  });
});
