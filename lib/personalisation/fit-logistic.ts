/**
 * L2-regularised logistic regression by damped Newton's method (IRLS with a backtracking
 * line search). Newton rather than gradient descent: a few hundred one-hot features make
 * the Hessian small, it converges in ~10 iterations to the exact optimum, and it has no
 * learning rate or random initialisation, so the same rows always give the same weights.
 *
 * Minimises  Σ logloss(yᵢ, σ(w·xᵢ + b)) + (l2 / 2)·‖w‖²  — the bias is not penalised.
 */
import { solveCholesky } from "./solve-cholesky";

export interface FitLogisticOptions {
  /** Row-major `[outcomes.length, dimension]`; rows are sparse, so only non-zeros are visited. */
  rows: Float32Array;
  dimension: number;
  outcomes: Uint8Array;
  l2: number;
  maxIterations?: number;
  /** Stop when the largest gradient component, per row, falls below this. */
  tolerance?: number;
}

export interface LogisticFit {
  weights: Float64Array;
  bias: number;
  iterations: number;
  converged: boolean;
}

/** log(1 + e^z) without overflow. */
const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

export function fitLogistic({
  rows,
  dimension,
  outcomes,
  l2,
  maxIterations = 50,
  tolerance = 1e-8,
}: FitLogisticOptions): LogisticFit {
  const n = outcomes.length;
  // Parameters θ = [w₀ … w_{D-1}, b]: the bias is a constant feature at index D.
  const p = dimension + 1;
  const starts = new Int32Array(n + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dimension; j++) {
      const x = rows[i * dimension + j]!;
      if (x !== 0) {
        indices.push(j);
        values.push(x);
      }
    }
    indices.push(dimension);
    values.push(1);
    starts[i + 1] = indices.length;
  }

  const margins = (theta: Float64Array) => {
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let k = starts[i]!; k < starts[i + 1]!; k++) sum += theta[indices[k]!]! * values[k]!;
      z[i] = sum;
    }
    return z;
  };
  const objective = (theta: Float64Array, z: Float64Array) => {
    let total = 0;
    for (let i = 0; i < n; i++) total += softplus(z[i]!) - outcomes[i]! * z[i]!;
    for (let j = 0; j < dimension; j++) total += 0.5 * l2 * theta[j]! ** 2;
    return total;
  };

  let theta = new Float64Array(p);
  let z = margins(theta);
  let current = objective(theta, z);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    const gradient = new Float64Array(p);
    const hessian = new Float64Array(p * p);
    for (let i = 0; i < n; i++) {
      const prob = 1 / (1 + Math.exp(-z[i]!));
      const residual = prob - outcomes[i]!;
      // A floor on the curvature keeps the system solvable when predictions saturate.
      const weight = Math.max(prob * (1 - prob), 1e-12);
      for (let a = starts[i]!; a < starts[i + 1]!; a++) {
        const ia = indices[a]!;
        const va = values[a]!;
        gradient[ia]! += residual * va;
        for (let c = starts[i]!; c <= a; c++) hessian[ia * p + indices[c]!]! += weight * va * values[c]!;
      }
    }
    for (let j = 0; j < dimension; j++) {
      gradient[j]! += l2 * theta[j]!;
      hessian[j * p + j]! += l2;
    }
    // Only one triangle was accumulated (indices ascend within a row); mirror it.
    for (let r = 0; r < p; r++) for (let c = 0; c < r; c++) hessian[c * p + r] = hessian[r * p + c]!;

    let maxGradient = 0;
    for (let j = 0; j < p; j++) maxGradient = Math.max(maxGradient, Math.abs(gradient[j]!));
    if (maxGradient / n < tolerance) {
      converged = true;
      break;
    }
    iterations++;
    const step = solveCholesky(hessian, gradient, p);
    let decrease = 0;
    for (let j = 0; j < p; j++) decrease += gradient[j]! * step[j]!;
    // Armijo backtracking: the full Newton step is taken near the optimum, halved far from it.
    let t = 1;
    for (;;) {
      const candidate = theta.map((value, j) => value - t * step[j]!);
      const candidateZ = margins(candidate);
      const value = objective(candidate, candidateZ);
      if (value <= current - 1e-4 * t * decrease || t < 1e-10) {
        theta = candidate;
        z = candidateZ;
        current = value;
        break;
      }
      t /= 2;
    }
  }
  return { weights: theta.slice(0, dimension), bias: theta[dimension]!, iterations, converged };
}
