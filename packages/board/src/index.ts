export {
  type BoardAnswer,
  type CheckReport,
  type CheckReportOutcome,
  defaultReportTimeoutMs,
  forgetJoin,
  type JoinConfig,
  type JoinRequest,
  joinBoard,
  joinFile,
  loadJoin,
  normalizeBoardUrl,
  type ReportRequest,
  type ResultForBoard,
  reportCheck,
  reportToBoard,
  saveJoin,
} from './client.ts';
export { normalizeJoinCode } from './join-code.ts';
export type { RateLimit } from './rate-limit.ts';
export {
  type Board,
  type BoardOptions,
  type BoardState,
  boardBanner,
  defaultPort,
  describeExposure,
  startBoard,
} from './server.ts';
export type { ObjectiveState, ParticipantState, RowState } from './store.ts';
export { limits as reportLimits, type ObjectiveReport, type Report } from './validate.ts';
