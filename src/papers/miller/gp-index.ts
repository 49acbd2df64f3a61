// Miller, O'Neill & Bui 2024 beyond networks: linear regression and Gaussian processes.
import type { Reproduction } from '../reproduction.js';
import { millerGpParity } from './gp-parity.js';
import { millerGpRegression } from './gp-regression.js';
import { millerLinear } from './linear.js';

export const MILLER_GP_REPRODUCTIONS: readonly Reproduction[] = [millerLinear, millerGpRegression, millerGpParity];
