// EndpointSlices and legacy Endpoints: given ones as they are, the rest as the EndpointSlice,
// EndpointSliceMirroring and Endpoints controllers would write them. Outside code imports only this file.
export { endpointSlicesFor, MAX_ENDPOINTS_PER_SLICE, slicesByService, type EndpointSliceOptions } from './slices';
export { endpointsFor } from './legacy';
export { endpointPorts, HEADLESS_LABEL, MANAGED_BY_LABEL, SERVICE_NAME_LABEL, ZONE_LABEL } from './derive';
export { findPort, hasSelector, isHeadless, isPodReady, PodIndex, podsFor, shouldSetHostname } from './pods';
