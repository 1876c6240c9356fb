// What challenge tests import: checks, the grade's context, service instances, load runs, module drivers, and the
// client side: a JSON HTTP client and `eventually`.
export { check, type CheckContext } from './check.ts';
export { currentLane } from './check-lane.ts';
export { eventually, EventuallyTimeoutError, type EventuallyOptions } from './eventually.ts';
export { gradeContext, type GradeContextData } from './grade-context.ts';
export { hostPidOf } from './host-pid.ts';
export { exposePort } from '../sandbox/open-sandbox.ts';
export { InfrastructureError } from './infrastructure-error.ts';
export { JsonClient, type JsonCallOptions, type JsonReply } from './json-client.ts';
export { ModuleDriver } from './module-driver.ts';
export { runLoad, type LoadMetrics, type LoadOptions } from './run-load.ts';
export { ServiceInstance, startServices, type StartOptions } from './service-instance.ts';
export { startExpectingRefusal, type RefusalOptions, type StartRefusal } from './start-expecting-refusal.ts';
export { expectCleanExitOnSigterm, expectVariableRefused } from './lifecycle-expectations.ts';
export { disown, own, type Stoppable } from './check-scope.ts';
export { measureDatabaseActivity, waitUntilNoClients, type DatabaseActivity, type TableActivity } from './postgres-activity.ts';
export { readBody, sendJson, TestHttpServer, type TestHttpHandler } from './test-http-server.ts';
export type { DevHelperContext, DevHelpers } from './dev-helpers.ts';
export { freePort } from '../process/free-port.ts';
export { managementApi, type ManagementApi } from '../services/rabbitmq/management-api.ts';
export { OutputTail } from '../process/output-tail.ts';
