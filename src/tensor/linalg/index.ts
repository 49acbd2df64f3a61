// Float64 dense linear algebra: SVD and spectral helpers, symmetric eigendecomposition, and the
// differentiable Cholesky toolkit (factor, triangular solves, log-determinants) for GP likelihoods.
export { svd, svdRaw, singularValues, nuclearNorm, svt, nuclearSubgradient } from './svd.js';
export { eigh } from './eigh.js';
export { cholesky, choleskySolve } from './cholesky.js';
export { solveTriangular, solveTriangularRaw, type TriangularOptions } from './triangular.js';
export { logdet, logdetFromCholesky } from './logdet.js';
export type { MatrixLike } from './check.js';
