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
    [uniformFloat, uniformDouble, logFloat, cosTurnsFloat] + realDistributions(.float)
    + realDistributions(.double) + [firstWords, firstNormalsFloat, firstBlocks]

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
    // words last produced, of which `used` have been handed out; the second half of the
    // last Box-Muller pair of each precision, as its radius and angle (in turns for
    // float), not handed out yet where bit 0 (float) or bit 1 (double) of `spares` is
    // set; and, where bit 2 is set, the float normal the next draw returns, worked out
    // ahead for a batch of streams (`genn_first_normals_float`).
    struct GeNNRng {
        uint32_t counter[4];
        uint32_t key[2];
        uint32_t buffer[4];
        uint32_t used;
        uint32_t spares;
        float spareRadiusFloat;
        float spareTurnsFloat;
        float pendingFloat;
        double spareRadiusDouble;
        double spareAngleDouble;
    };

    """

  private static let philox = """
    // Philox4x32-10's ten rounds of multiply-and-mix over the counter words c0..c3, in
    // place, bumping the key (k0, k1) by the Weyl constants between rounds. Plain scalar
    // arithmetic, so that a loop over many counters vectorises once it is inlined.
    GENN_FUNCTION void genn_philox_rounds(uint32_t &c0, uint32_t &c1, uint32_t &c2, uint32_t &c3,
                                          uint32_t k0, uint32_t k1)
    {
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
    }

    // Philox4x32-10: the block of four words for counter `ctr` and key `key`.
    GENN_FUNCTION void genn_philox4x32_10(const uint32_t ctr[4], const uint32_t key[2], uint32_t out[4])
    {
        uint32_t c0 = ctr[0], c1 = ctr[1], c2 = ctr[2], c3 = ctr[3];
        genn_philox_rounds(c0, c1, c2, c3, key[0], key[1]);
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
        rng->spares = 0u;
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

  private static let logFloat = Distribution(
    name: "genn_log_float", calls: [],
    text: """
      // Natural logarithm of a positive normal float x = 2^e m, m in [sqrt(1/2), sqrt(2)):
      // e log 2 + 2 atanh(s), s = (m - 1) / (m + 1), |s| < 0.172, by its series to s^9.
      // Branch-free plain arithmetic (within 2e-7 of the exact value), so that a loop
      // over many draws vectorises and every draw gives the same bits, in a loop or not.
      GENN_FUNCTION float genn_log_float(float x)
      {
          union { float f; uint32_t u; } bits;
          bits.f = x;
          int32_t e = (int32_t)((bits.u >> 23) & 0xFFu) - 127;
          bits.u = (bits.u & 0x007FFFFFu) | 0x3F800000u;
          const bool high = bits.f > 1.41421356f;
          const float m = high ? bits.f * 0.5f : bits.f;
          e = high ? e + 1 : e;
          const float s = (m - 1.0f) / (m + 1.0f);
          const float z = s * s;
          const float series = 1.0f + z * (0.333333343f + z * (0.2f + z * (0.142857149f + z * 0.111111112f)));
          return (float)e * 0.693147182f + 2.0f * s * series;
      }
      """)

  private static let cosTurnsFloat = Distribution(
    name: "genn_cos_turns_float", calls: [],
    text: """
      // cos(2 pi t), t in turns: with y = |t - rint(t)| in [0, 1/2], cos(2 pi y) is
      // -sin(w), w = 2 pi (y - 1/4) in [-pi/2, pi/2], by its Taylor series to w^13
      // (within 3e-7). Branch-free, as genn_log_float.
      GENN_FUNCTION float genn_cos_turns_float(float t)
      {
          const float y = fabsf(t - rintf(t));
          const float w = (y - 0.25f) * 6.28318531f;
          const float w2 = w * w;
          return -w * (1.0f + w2 * (-0.166666672f + w2 * (8.33333377e-3f + w2 * (-1.98412701e-4f
              + w2 * (2.75573188e-6f + w2 * -2.50521084e-8f)))));
      }
      """)

  private static let firstWords = Distribution(
    name: "genn_first_words", calls: [],
    text: """
      // The first block of each of `count` streams (at most N): those of elements `first`,
      // `first + 1`, ... of one stream and step, into words[w][i], in one loop the compiler
      // vectorises; the batches of genn_first_normals_float and genn_first_blocks.
      template <uint32_t N>
      GENN_FUNCTION void genn_first_words(uint32_t (&words)[4][N], uint64_t seed, uint32_t stream,
                                          uint32_t first, uint32_t count, uint32_t step)
      {
          const uint32_t key0 = (uint32_t)seed, key1 = (uint32_t)(seed >> 32);
          // One bound, so that the compiler can count the iterations (and vectorise).
          const uint32_t n = count < N ? count : N;
          for (uint32_t i = 0; i < n; i++) {
              // Philox4x32-10 of counter (0, element, stream, step), as genn_philox4x32_10.
              uint32_t c0 = 0u, c1 = first + i, c2 = stream, c3 = step;
              genn_philox_rounds(c0, c1, c2, c3, key0, key1);
              words[0][i] = c0;
              words[1][i] = c1;
              words[2][i] = c2;
              words[3][i] = c3;
          }
      }
      """)

  private static let firstNormalsFloat = Distribution(
    name: "genn_first_normals_float",
    calls: [
      "genn_rand_normal_float", "genn_log_float", "genn_cos_turns_float", "genn_first_words",
    ],
    text: """
      // The first float normal of up to GENN_FIRST_NORMALS streams at once: those of
      // elements `first`, `first + 1`, ... of one stream and step, each as
      // genn_rand_normal_float draws it from its stream's first block, in one loop the
      // compiler vectorises. `valid[i]` is 0 where one of the two uniforms would be
      // redrawn (a zero in a word's top 24 bits, once in 2^23 streams): that stream draws
      // one by one.
      #define GENN_FIRST_NORMALS 64u
      struct GeNNFirstNormals {
          uint32_t words[4][GENN_FIRST_NORMALS];
          float normal[GENN_FIRST_NORMALS];
          float radius[GENN_FIRST_NORMALS];
          float turns[GENN_FIRST_NORMALS];
          uint8_t valid[GENN_FIRST_NORMALS];
      };

      GENN_FUNCTION void genn_first_normals_float(GeNNFirstNormals *out, uint64_t seed, uint32_t stream,
                                                  uint32_t first, uint32_t count, uint32_t step)
      {
          genn_first_words(out->words, seed, stream, first, count, step);
          // One bound, so that the compiler can count the iterations (and vectorise).
          const uint32_t n = count < GENN_FIRST_NORMALS ? count : GENN_FIRST_NORMALS;
          for (uint32_t i = 0; i < n; i++) {
              const uint32_t k1bits = out->words[0][i] >> 8, k2bits = out->words[1][i] >> 8;
              out->valid[i] = (uint8_t)(k1bits != 0u && k2bits != 0u);
              const float u1 = (float)(k1bits != 0u ? k1bits : 1u) * 5.9604644775390625e-08f;
              const float u2 = (float)k2bits * 5.9604644775390625e-08f;
              const float radius = sqrtf(-2.0f * genn_log_float(u1));
              out->radius[i] = radius;
              out->turns[i] = u2;
              out->normal[i] = radius * genn_cos_turns_float(u2);
          }
      }

      // Positions `rng` at block 0 of the sequence for (seed, stream, element, step), as
      // genn_rng_init, then, where `batch` worked its first normal out (its `i`-th), just
      // past that normal's draw: its block taken, two words used, the pair's sine half
      // spare and the normal itself pending, so every draw is what it would have been.
      GENN_FUNCTION void genn_rng_init_first_normal(GeNNRng *rng, uint64_t seed, uint32_t stream, uint32_t element,
                                                    uint32_t step, const GeNNFirstNormals *batch, uint32_t i)
      {
          genn_rng_init(rng, seed, stream, element, step);
          if (!batch->valid[i]) {
              return;
          }
          for (int w = 0; w < 4; w++) {
              rng->buffer[w] = batch->words[w][i];
          }
          rng->counter[0] = 1u;
          rng->used = 2u;
          rng->spareRadiusFloat = batch->radius[i];
          rng->spareTurnsFloat = batch->turns[i];
          rng->pendingFloat = batch->normal[i];
          rng->spares |= 1u | 4u;
      }
      """)

  private static let firstBlocks = Distribution(
    name: "genn_first_blocks", calls: ["genn_first_words"],
    text: """
      // The first block of up to GENN_FIRST_BLOCKS streams at once: those of elements
      // `first`, `first + 1`, ... of one stream and step, in one loop the compiler
      // vectorises, for code that draws on every element's stream every step (a neuron
      // update's Poisson input or noise), which would otherwise work out each block alone.
      #define GENN_FIRST_BLOCKS 256u
      struct GeNNFirstBlocks {
          uint32_t words[4][GENN_FIRST_BLOCKS];
      };

      GENN_FUNCTION void genn_first_blocks(GeNNFirstBlocks *out, uint64_t seed, uint32_t stream,
                                           uint32_t first, uint32_t count, uint32_t step)
      {
          genn_first_words(out->words, seed, stream, first, count, step);
      }

      // Positions `rng` as genn_rng_init does, with block 0 taken from `batch` (its
      // `i`-th): every draw is what it would have been.
      GENN_FUNCTION void genn_rng_init_first_block(GeNNRng *rng, uint64_t seed, uint32_t stream, uint32_t element,
                                                   uint32_t step, const GeNNFirstBlocks *batch, uint32_t i)
      {
          genn_rng_init(rng, seed, stream, element, step);
          for (int w = 0; w < 4; w++) {
              rng->buffer[w] = batch->words[w][i];
          }
          rng->counter[0] = 1u;
          rng->used = 0u;
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

  private static let normalFloat = Distribution(
    name: "genn_rand_normal_float",
    calls: ["genn_rand_uniform_float", "genn_log_float", "genn_cos_turns_float"],
    text: """
      // Standard normal by the Box-Muller transform: two uniforms give a radius and an
      // angle, whose cosine half is returned and whose sine half (the cosine a quarter
      // turn earlier) the next call on the same stream returns, worked out only then, so
      // a stream that draws one normal pays for one. Each draw stays a function of the
      // stream's position. A normal worked out ahead (genn_rng_init_first_normal) comes
      // first.
      GENN_FUNCTION float genn_rand_normal_float(GeNNRng *rng)
      {
          if (rng->spares & 4u) {
              rng->spares &= ~4u;
              return rng->pendingFloat;
          }
          if (rng->spares & 1u) {
              rng->spares &= ~1u;
              return rng->spareRadiusFloat * genn_cos_turns_float(rng->spareTurnsFloat - 0.25f);
          }
          const float u1 = genn_rand_uniform_float(rng);
          const float u2 = genn_rand_uniform_float(rng);
          const float radius = sqrtf(-2.0f * genn_log_float(u1));
          rng->spareRadiusFloat = radius;
          rng->spareTurnsFloat = u2;
          rng->spares |= 1u;
          return radius * genn_cos_turns_float(u2);
      }
      """)

  private static let normalDouble = Distribution(
    name: "genn_rand_normal_double", calls: ["genn_rand_uniform_double"],
    text: """
      // Standard normal by the Box-Muller transform: two uniforms give a radius and an
      // angle, whose cosine half is returned and whose sine half the next call on the
      // same stream returns, worked out only then, so a stream that draws one normal pays
      // for one. Each draw stays a function of the stream's position.
      GENN_FUNCTION double genn_rand_normal_double(GeNNRng *rng)
      {
          if (rng->spares & 2u) {
              rng->spares &= ~2u;
              return rng->spareRadiusDouble * sin(rng->spareAngleDouble);
          }
          const double u1 = genn_rand_uniform_double(rng);
          const double u2 = genn_rand_uniform_double(rng);
          const double radius = sqrt(-2.0 * log(u1));
          const double angle = 6.283185307179586 * u2;
          rng->spareRadiusDouble = radius;
          rng->spareAngleDouble = angle;
          rng->spares |= 2u;
          return radius * cos(angle);
      }
      """)

  /// The distributions built on the uniform draws, in `real` precision.
  private static func realDistributions(_ real: Real) -> [Distribution] {
    let t = real.name
    let (log, log1p, exp, sqrt, pow) = (
      real.math("log"), real.math("log1p"), real.math("exp"), real.math("sqrt"), real.math("pow")
    )
    func l(_ value: String) -> String { real.literal(value) }
    return [
      real == .float ? normalFloat : normalDouble,
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
