/** The history groups, in the order their blocks appear in the feature table (after application). */
import { bureauGroup } from './bureau.js';
import { creditCardGroup } from './credit-card.js';
import { installmentsGroup } from './installments.js';
import { posCashGroup } from './pos-cash.js';
import { previousGroup } from './previous.js';
import type { FeatureGroup } from './group.js';

export const FEATURE_GROUPS: readonly FeatureGroup[] = [
  bureauGroup,
  previousGroup,
  posCashGroup,
  installmentsGroup,
  creditCardGroup,
];
