// What features may import: the typed client and the generated types. Nothing else in the UI
// knows how requests travel.

export * from './generated';
export { roleGrants } from './permissions';
export {
  call,
  native,
  onAccessLost,
  isApiError,
  messageOf,
  setTransport,
  watchClinic,
  toApiError,
  INTERNAL_ERROR,
  type ArgsOf,
  type Operation,
  type ResultOf,
  type Transport,
  type WatchSignal,
  type AccessListener,
  type NativeCommand,
} from './client';
