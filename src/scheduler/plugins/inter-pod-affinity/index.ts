/** InterPodAffinity: required terms filter (filtering.ts), preferred terms score (scoring.ts). */
export { NAME, ERR_AFFINITY, ERR_ANTI_AFFINITY, ERR_EXISTING_ANTI_AFFINITY, filter } from './filtering.ts';
export { HARD_POD_AFFINITY_WEIGHT, score } from './scoring.ts';
