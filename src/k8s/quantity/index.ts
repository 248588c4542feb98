// Kubernetes resource quantities ("100m", "1.5Gi", "1e3"), exactly as k8s.io/apimachinery/pkg/api/resource
// parses, prints and adds them. Outside code imports only this file.
export type { Quantity, QuantityFormat } from './types';
export { QuantityError, QuantityRangeError } from './types';
export { MAX_DIGITS, MAX_EXPONENT } from './decimal';
export { parseQuantity, QUANTITY_PATTERN, ERR_FORMAT_WRONG, ERR_NUMERIC, ERR_SUFFIX } from './parse';
export { formatQuantity } from './format';
export { ZERO, add, sub, mul, cmp, isZero } from './arithmetic';
export { value, milliValue, resourceFieldRefValue } from './scale';
