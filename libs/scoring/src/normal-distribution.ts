/** Hart's coefficients, highest power first (West, figure 2). */
const NUMERATOR = [
  3.52624965998911e-2, 0.700383064443688, 6.37396220353165, 33.912866078383, 112.079291497871, 221.213596169931,
  220.206867912376,
];
const DENOMINATOR = [
  8.83883476483184e-2, 1.75566716318264, 16.064177579207, 86.7807322029461, 296.564248779674, 637.333633378831,
  793.826512519948, 440.413735824752,
];

/**
 * Φ(x), the standard normal cumulative distribution function, by Hart's (1968) rational
 * approximation as given by G. West, "Better approximations to cumulative normal functions"
 * (Wilmott, 2005), figure 2: accurate to double precision, with no erf in the JavaScript library.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const z = Math.abs(x);
  let tail: number;
  if (z > 37) {
    tail = 0;
  } else {
    const density = Math.exp((-z * z) / 2);
    if (z < 7.07106781186547) {
      tail = (density * polynomial(NUMERATOR, z)) / polynomial(DENOMINATOR, z);
    } else {
      // Continued fraction for the far tail; 2.506628274631 is √(2π).
      let fraction = z + 0.65;
      for (const k of [4, 3, 2, 1]) fraction = z + k / fraction;
      tail = density / fraction / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

/** The polynomial at z by Horner's rule: ((c0·z + c1)·z + c2)… — the operations West writes out. */
function polynomial(coefficients: readonly number[], z: number): number {
  return coefficients.reduce((value, c) => value * z + c);
}
