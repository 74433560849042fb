/// C++17 source of the random numbers every generated module contains: the
/// Philox4x32-10 counter-based generator (Salmon et al. 2011, as in Random123) and
/// GeNN's distributions on top of it, named as `StandardLibrary.random` prints them.
///
/// It needs no header beyond `<stdint.h>` and `<math.h>`, so it compiles as plain C++
/// and as CUDA device code; under NVRTC, which has no system headers, it defines the
/// `<stdint.h>` types itself (`uint64_t` as `unsigned long long`) and uses NVRTC's
/// built-in maths. The including code may define `GENN_FUNCTION` first (for example
/// `__device__ __forceinline__`); it defaults to `static inline`.
///
/// A generator is keyed by the model's seed and counts from a position made of
/// (element, stream, step), so every draw is a pure function of
/// (seed, stream, element, step, draw index): results do not depend on how work is
/// split across threads.
///
/// A module carries the generator and only the distributions its code calls: a float
/// model's module has no double-precision distributions, a model without randomness
/// none.
enum RandomNumberSource {
  /// The generator, then the distributions `code` calls (by their unique names, such as
  /// `genn_rand_normal_float(`) and those they call, each defined before its first use.
  /// `code` is the rest of the translation unit.
  static func source(calledBy code: String) -> String {
    var needed = Set(distributions.map(\.name).filter { code.contains($0 + "(") })
    // A distribution only calls those before it, so one backward pass closes the set.
    for distribution in distributions.reversed() where needed.contains(distribution.name) {
      needed.formUnion(distribution.calls)
    }
    return header + philox
      + distributions.filter { needed.contains($0.name) }.map { "\n" + $0.text + "\n" }.joined()
  }

  /// One distribution function: its name, the distributions it calls, its definition.
  private struct Distribution {
    let name: String
    let calls: [String]
    let text: String
  }

  /// Every distribution in definition order: those a function calls come before it.
  private static let distributions =
    [uniformFloat, uniformDouble] + realDistributions(.float) + realDistributions(.double)

  /// The floating-point type a group of distribution functions works in.
  private enum Real {
    case float, double

    var name: String { self == .float ? "float" : "double" }

    /// `value` as a literal of this type.
    func literal(_ value: String) -> String { self == .float ? value + "f" : value }

    /// The name of the C maths function `function` for this type (`logf`, `log`, ...).
    func math(_ function: String) -> String { self == .float ? function + "f" : function }
  }

  private static let header = """
    // Philox4x32-10 random numbers (Salmon et al., "Parallel random numbers: as easy as
    // 1, 2, 3", SC 2011), the same generator as Random123's philox4x32.
    #ifndef GENN_FUNCTION
    #define GENN_FUNCTION static inline
    #endif
    #ifdef __CUDACC_RTC__
    // NVRTC has no system headers: stand in for <stdint.h> (its maths is built in).
    typedef signed char int8_t;
    typedef short int16_t;
    typedef int int32_t;
    typedef long long int64_t;
    typedef unsigned char uint8_t;
    typedef unsigned short uint16_t;
    typedef unsigned int uint32_t;
    typedef unsigned long long uint64_t;
    #define INT8_MIN (-128)
    #define INT16_MIN (-32767 - 1)
    #define INT32_MIN (-2147483647 - 1)
    #define INT64_MIN (-9223372036854775807LL - 1)
    #else
    #include <math.h>
    #include <stdint.h>
    #endif

    // One generator: a 128-bit counter, a 64-bit key, and the block of four 32-bit
    // words last produced, of which `used` have been handed out.
    struct GeNNRng {
        uint32_t counter[4];
        uint32_t key[2];
        uint32_t buffer[4];
        uint32_t used;
    };

    """

  private static let philox = """
    // Philox4x32-10: ten rounds of multiply-and-mix over the counter, bumping the key
    // by the Weyl constants between rounds.
    GENN_FUNCTION void genn_philox4x32_10(const uint32_t ctr[4], const uint32_t key[2], uint32_t out[4])
    {
        uint32_t c0 = ctr[0], c1 = ctr[1], c2 = ctr[2], c3 = ctr[3];
        uint32_t k0 = key[0], k1 = key[1];
        for (int round = 0; round < 10; round++) {
            if (round > 0) {
                k0 += 0x9E3779B9u;
                k1 += 0xBB67AE85u;
            }
            const uint64_t p0 = (uint64_t)0xD2511F53u * c0;
            const uint64_t p1 = (uint64_t)0xCD9E8D57u * c2;
            c0 = (uint32_t)(p1 >> 32) ^ c1 ^ k0;
            c1 = (uint32_t)p1;
            c2 = (uint32_t)(p0 >> 32) ^ c3 ^ k1;
            c3 = (uint32_t)p0;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }

    // Positions `rng` at block 0 of the sequence for (seed, stream, element, step).
    GENN_FUNCTION void genn_rng_init(GeNNRng *rng, uint64_t seed, uint32_t stream, uint32_t element, uint32_t step)
    {
        rng->key[0] = (uint32_t)seed;
        rng->key[1] = (uint32_t)(seed >> 32);
        rng->counter[0] = 0u;
        rng->counter[1] = element;
        rng->counter[2] = stream;
        rng->counter[3] = step;
        rng->used = 4u;
    }

    // The next 32 random bits.
    GENN_FUNCTION uint32_t genn_rand_uint32(GeNNRng *rng)
    {
        if (rng->used == 4u) {
            genn_philox4x32_10(rng->counter, rng->key, rng->buffer);
            rng->counter[0]++;
            rng->used = 0u;
        }
        return rng->buffer[rng->used++];
    }

    """

  private static let uniformFloat = Distribution(
    name: "genn_rand_uniform_float", calls: [],
    text: """
      // Uniform on the open interval (0, 1): k / 2^24 for 24 random bits k, redrawn while
      // k is 0, so every value is exact and the distribution is symmetric about 0.5.
      GENN_FUNCTION float genn_rand_uniform_float(GeNNRng *rng)
      {
          uint32_t k;
          do {
              k = genn_rand_uint32(rng) >> 8;
          } while (k == 0u);
          return (float)k * 5.9604644775390625e-08f;
      }
      """)

  private static let uniformDouble = Distribution(
    name: "genn_rand_uniform_double", calls: [],
    text: """
      // Uniform on the open interval (0, 1): k / 2^53 for 53 random bits k (27 from one
      // word, 26 from the next), redrawn while k is 0.
      GENN_FUNCTION double genn_rand_uniform_double(GeNNRng *rng)
      {
          uint64_t k;
          do {
              const uint64_t high = genn_rand_uint32(rng) >> 5;
              const uint64_t low = genn_rand_uint32(rng) >> 6;
              k = (high << 26) | low;
          } while (k == 0u);
          return (double)k * 1.1102230246251565e-16;
      }
      """)

  /// The distributions built on the uniform draws, in `real` precision.
  private static func realDistributions(_ real: Real) -> [Distribution] {
    let t = real.name
    let (log, log1p, exp, sqrt, cos, pow) = (
      real.math("log"), real.math("log1p"), real.math("exp"), real.math("sqrt"), real.math("cos"),
      real.math("pow")
    )
    func l(_ value: String) -> String { real.literal(value) }
    return [
      Distribution(
        name: "genn_rand_normal_\(t)", calls: ["genn_rand_uniform_\(t)"],
        text: """
          // Standard normal by the Box-Muller transform (the sine half is discarded).
          GENN_FUNCTION \(t) genn_rand_normal_\(t)(GeNNRng *rng)
          {
              const \(t) u1 = genn_rand_uniform_\(t)(rng);
              const \(t) u2 = genn_rand_uniform_\(t)(rng);
              return \(sqrt)(\(l("-2.0")) * \(log)(u1)) * \(cos)(\(l("6.283185307179586")) * u2);
          }
          """),
      Distribution(
        name: "genn_rand_exponential_\(t)", calls: ["genn_rand_uniform_\(t)"],
        text: """
          // Exponential with rate 1, by inversion.
          GENN_FUNCTION \(t) genn_rand_exponential_\(t)(GeNNRng *rng)
          {
              return -\(log)(genn_rand_uniform_\(t)(rng));
          }
          """),
      Distribution(
        name: "genn_rand_log_normal_\(t)", calls: ["genn_rand_normal_\(t)"],
        text: """
          // Log-normal: exp of a normal with mean `mean` and standard deviation `sd`.
          GENN_FUNCTION \(t) genn_rand_log_normal_\(t)(GeNNRng *rng, \(t) mean, \(t) sd)
          {
              return \(exp)(mean + sd * genn_rand_normal_\(t)(rng));
          }
          """),
      Distribution(
        name: "genn_rng_marsaglia_tsang_\(t)",
        calls: ["genn_rand_normal_\(t)", "genn_rand_uniform_\(t)"],
        text: """
          // Gamma with shape a >= 1 and scale 1 (Marsaglia and Tsang, ACM TOMS 26(3), 2000).
          GENN_FUNCTION \(t) genn_rng_marsaglia_tsang_\(t)(GeNNRng *rng, \(t) a)
          {
              const \(t) d = a - \(l("1.0")) / \(l("3.0"));
              const \(t) c = \(l("1.0")) / \(sqrt)(\(l("9.0")) * d);
              while (true) {
                  \(t) x, v;
                  do {
                      x = genn_rand_normal_\(t)(rng);
                      v = \(l("1.0")) + c * x;
                  } while (v <= \(l("0.0")));
                  v = v * v * v;
                  const \(t) u = genn_rand_uniform_\(t)(rng);
                  if (u < \(l("1.0")) - \(l("0.0331")) * x * x * x * x) {
                      return d * v;
                  }
                  if (\(log)(u) < \(l("0.5")) * x * x + d * (\(l("1.0")) - v + \(log)(v))) {
                      return d * v;
                  }
              }
          }
          """),
      Distribution(
        name: "genn_rand_gamma_\(t)",
        calls: ["genn_rand_uniform_\(t)", "genn_rng_marsaglia_tsang_\(t)"],
        text: """
          // Gamma with shape `a` and scale 1; shapes below 1 are boosted to a + 1 and scaled
          // by U^(1/a). Shapes that are not positive give 0.
          GENN_FUNCTION \(t) genn_rand_gamma_\(t)(GeNNRng *rng, \(t) a)
          {
              if (!(a > \(l("0.0")))) {
                  return \(l("0.0"));
              }
              if (a < \(l("1.0"))) {
                  const \(t) u = genn_rand_uniform_\(t)(rng);
                  return genn_rng_marsaglia_tsang_\(t)(rng, a + \(l("1.0"))) * \(pow)(u, \(l("1.0")) / a);
              }
              return genn_rng_marsaglia_tsang_\(t)(rng, a);
          }
          """),
      Distribution(
        name: "genn_rng_binomial_inversion_\(t)", calls: ["genn_rand_uniform_\(t)"],
        text: """
          // Binomial(n, p) for p <= 0.5 and small n * p, by inversion of the CDF (as numpy's
          // rk_binomial_inversion), restarting if rounding carries the search past `bound`.
          GENN_FUNCTION uint32_t genn_rng_binomial_inversion_\(t)(GeNNRng *rng, uint32_t n, \(t) p)
          {
              const \(t) q = \(l("1.0")) - p;
              const \(t) qn = \(exp)((\(t))n * \(log1p)(-p));
              const \(t) np = (\(t))n * p;
              const \(t) limit = np + \(l("10.0")) * \(sqrt)(np * q + \(l("1.0")));
              const uint32_t bound = limit < (\(t))n ? (uint32_t)limit : n;
              uint32_t x = 0u;
              \(t) px = qn;
              \(t) u = genn_rand_uniform_\(t)(rng);
              while (u > px) {
                  x++;
                  if (x > bound) {
                      x = 0u;
                      px = qn;
                      u = genn_rand_uniform_\(t)(rng);
                  } else {
                      u -= px;
                      px = ((\(t))(n - x + 1u) * p * px) / ((\(t))x * q);
                  }
              }
              return x;
          }
          """),
      Distribution(
        name: "genn_rand_binomial_\(t)",
        calls: ["genn_rng_marsaglia_tsang_\(t)", "genn_rng_binomial_inversion_\(t)"],
        text: """
          // Binomial(n, p), exact for any n: while n * min(p, 1 - p) is large, the order
          // statistic X ~ Beta(a, n + 1 - a) of n uniforms, a = n / 2 + 1, splits the trials
          // into those below X (Binomial(a - 1, p / X) if p < X) or a plus those above it
          // (Binomial(n - a, (p - X) / (1 - X))) (Knuth, TAOCP vol. 2, 3.4.1F); the rest is
          // drawn by inversion on min(p, 1 - p). p outside [0, 1] is clamped.
          GENN_FUNCTION uint32_t genn_rand_binomial_\(t)(GeNNRng *rng, uint32_t n, \(t) p)
          {
              uint32_t successes = 0u;
              while (true) {
                  if (!(p > \(l("0.0")))) {
                      return successes;
                  }
                  if (p >= \(l("1.0"))) {
                      return successes + n;
                  }
                  const \(t) smaller = p < \(l("0.5")) ? p : \(l("1.0")) - p;
                  if ((\(t))n * smaller <= \(l("16.0"))) {
                      break;
                  }
                  const uint32_t a = n / 2u + 1u;
                  const \(t) ga = genn_rng_marsaglia_tsang_\(t)(rng, (\(t))a);
                  const \(t) gb = genn_rng_marsaglia_tsang_\(t)(rng, (\(t))(n + 1u - a));
                  const \(t) x = ga / (ga + gb);
                  if (p < x) {
                      n = a - 1u;
                      p = p / x;
                  } else {
                      successes += a;
                      n = n - a;
                      p = (p - x) / (\(l("1.0")) - x);
                  }
              }
              if (p <= \(l("0.5"))) {
                  return successes + genn_rng_binomial_inversion_\(t)(rng, n, p);
              }
              return successes + n - genn_rng_binomial_inversion_\(t)(rng, n, \(l("1.0")) - p);
          }
          """),
    ]
  }
}
