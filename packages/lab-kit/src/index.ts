export {
  createCheckContext,
  type ObjectiveResult,
  type ObjectiveStatus,
  recordAnswer,
  revealHint,
  runChecks,
} from './checks.ts';
export { didYouMean, editDistance } from './did-you-mean.ts';
export { connectDocker, type Docker, findResources, type LabResources, removeResources } from './docker.ts';
export { type DoctorCheck, runDoctor } from './doctor.ts';
export {
  down,
  findInstance,
  type PublishedPort,
  type RunningLab,
  type RunningService,
  type UpOptions,
  type UpResult,
  up,
} from './environment.ts';
export { EnvironmentError, errorMessage, LabError, UsageError } from './errors.ts';
export * from './labels.ts';
export * from './manifest.ts';
export { freePort, HostProcessSupervisor, type SupervisorEvents } from './processes.ts';
export { defaultLabsDir, findLab, type LabEntry, labIds, loadLabs } from './registry.ts';
export { inPhase, type Phase, type Reporter, silentReporter } from './reporter.ts';
export {
  clearProgress,
  emptyProgress,
  loadProgress,
  type Progress,
  saveProgress,
  stateDir,
  updateProgress,
  workspaceDir,
} from './state.ts';
export { ensureWorkspace, setWorkspaceAside } from './workspace.ts';
