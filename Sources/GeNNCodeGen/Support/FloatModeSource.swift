/// C++ for the floating-point mode model code runs in on the CPU (`genn::FloatMode`).
///
/// Subnormal numbers (below 1.2e-38 in `float`, 2.2e-308 in `double`) take a slow path
/// through the processor's microcode on every operation: a trace that decays towards zero
/// and stays at the smallest subnormal (the decrement rounds to nothing) slows every step
/// that touches it tens of times (SuperSpike's eligibility traces in GeNN's
/// `superspike_demo.py`: 15x a trial after the first). Where the model is built with
/// ``CPUBackend/flushesSubnormals``, the threads that run model code flush subnormal
/// results to zero and read subnormal operands as zero (x86's FTZ and DAZ bits, Arm's FZ),
/// as GeNN's `optimize_code` and Brian2's default fast-math builds do; every other result
/// stays IEEE's (no reassociation, no contraction). The calling thread's own mode is
/// restored when the model code returns.
enum FloatModeSource {
  /// The support code, with `flushes` as the model's choice.
  static func cpp(flushes: Bool) -> String {
    """
    #if defined(__x86_64__) || defined(_M_X64) || defined(__SSE2__)
    #include <xmmintrin.h>
    #define GENN_FLOAT_MODE_SSE 1
    #elif defined(__aarch64__)
    #define GENN_FLOAT_MODE_ARM 1
    #endif
    namespace genn {
    /// Whether model code flushes subnormal numbers to zero.
    constexpr bool kFlushSubnormals = \(flushes);

    /// Sets the calling thread's floating-point mode for model code while it lives.
    class FloatMode {
    public:
        FloatMode() {
            if (!kFlushSubnormals) { return; }
    #if defined(GENN_FLOAT_MODE_SSE)
            m_Saved = _mm_getcsr();
            _mm_setcsr((unsigned)m_Saved | 0x8040u);  // FTZ (bit 15) and DAZ (bit 6)
    #elif defined(GENN_FLOAT_MODE_ARM)
            __asm__ __volatile__("mrs %0, fpcr" : "=r"(m_Saved));
            const uint64_t flushing = m_Saved | (1ull << 24);  // FZ
            __asm__ __volatile__("msr fpcr, %0" : : "r"(flushing));
    #endif
        }
        ~FloatMode() {
            if (!kFlushSubnormals) { return; }
    #if defined(GENN_FLOAT_MODE_SSE)
            _mm_setcsr((unsigned)m_Saved);
    #elif defined(GENN_FLOAT_MODE_ARM)
            __asm__ __volatile__("msr fpcr, %0" : : "r"(m_Saved));
    #endif
        }
        FloatMode(const FloatMode &) = delete;
        FloatMode &operator=(const FloatMode &) = delete;

    private:
        uint64_t m_Saved = 0;
    };
    }  // namespace genn
    """
  }
}
