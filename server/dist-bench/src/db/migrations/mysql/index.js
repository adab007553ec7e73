import { Init1795759416251 } from './1795759416251-Init.js';
import { Outbox1795759928283 } from './1795759928283-Outbox.js';
import { Accounts1795760184174 } from './1795760184174-Accounts.js';
import { Uploads1795760311478 } from './1795760311478-Uploads.js';
import { Register1795760462798 } from './1795760462798-Register.js';
import { NotifyNoticesShare1795762341880 } from './1795762341880-NotifyNoticesShare.js';
export const mysqlMigrations = [Init1795759416251, Outbox1795759928283, Accounts1795760184174, Uploads1795760311478, Register1795760462798, NotifyNoticesShare1795762341880];
//# sourceMappingURL=index.js.map