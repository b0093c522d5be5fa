import 'dayjs/locale/zh-cn';
import dayjs from 'dayjs';

// Date pickers and formatted dates in the console speak Chinese (周一, 1月 …).
dayjs.locale('zh-cn');
