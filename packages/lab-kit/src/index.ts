export { AnswerError, formatAnswer, parseAnswer, type Tolerance, withinTolerance } from './answers.ts';
export {
  type CheckEvent,
  createCheckContext,
  type ObjectiveResult,
  type ObjectiveStatus,
  type OwnedCheckContext,
  type RunChecksOptions,
  recordAnswer,
  revealHint,
  runChecks,
} from './checks.ts';
export {
  type ComposeExportOptions,
  type ComposeSpecification,
  composeHeader,
  composeProject,
  composeProjectName,
  healthcheckOf,
  toYaml,
} from './compose.ts';
export { type ComposeExport, exportCompose, firstFreeSlot } from './compose-export.ts';
export { didYouMean, editDistance } from './did-you-mean.ts';
export { connectDocker, type Docker, findResources, type LabResources, removeResources } from './docker.ts';
export { type DoctorCheck, runDoctor, runPreflight } from './doctor.ts';
export { endpointHost, endpointWarning, hostPort, publishAddress, remoteEngineHost } from './engine.ts';
export {
  containerName,
  type DownOptions,
  down,
  ensureImages,
  findInstance,
  type LabImage,
  labImages,
  listInstances,
  networkName,
  type PublishedPort,
  type RunningLab,
  type RunningService,
  runSetup,
  stopOwningSession,
  type UpOptions,
  type UpResult,
  up,
  volumeName,
} from './environment.ts';
export { EnvironmentError, errorMessage, LabError, UsageError } from './errors.ts';
export * from './labels.ts';
export { fillTemplate, type InstanceLayout, instanceLayout, layoutValues } from './layout.ts';
export * from './manifest.ts';
export {
  BASE_IMAGE,
  type BundleManifest,
  type LoadedImage,
  loadBundle,
  type PreparedImage,
  packBundle,
  prepareImages,
  readBundleManifest,
} from './offline.ts';
export { freePort, HostProcessSupervisor, type SupervisorEvents } from './processes.ts';
export { defaultLabsDir, findLab, importLabDir, type LabEntry, labIds, loadLabs } from './registry.ts';
export { inPhase, type Phase, type Reporter, silentReporter } from './reporter.ts';
export {
  applySolution,
  type HostProcessInfo,
  type LogOptions,
  processLogFile,
  type Session,
  type SessionOptions,
  sessionProcesses,
  startSession,
  streamLogs,
} from './session.ts';
export {
  checkInstanceName,
  clearProgress,
  DEFAULT_INSTANCE,
  emptyProgress,
  loadProgress,
  type Progress,
  saveProgress,
  stateDir,
  takeStateWarnings,
  updateProgress,
  workspaceDir,
  workspaceStarter,
} from './state.ts';
export {
  checkStarterChoice,
  chooseStarter,
  currentStarter,
  describeStarters,
  ensureWorkspace,
  setWorkspaceAside,
} from './workspace.ts';
