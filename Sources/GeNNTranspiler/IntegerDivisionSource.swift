/// The functions integer `/` and `%` of code strings print as
/// (``PrettyPrinter/integerDivision``), which code printed by ``PrettyPrinter`` needs
/// defined before it: where C++ would trap (a divisor of 0, which kills the process with
/// SIGFPE, or the one quotient that overflows, the type's minimum over -1) they give 0
/// and note the generated line (`__LINE__`) of the first such division in
/// `genn_arithmetic_error`, for the host to read and stop the run.
public enum IntegerDivisionSource {
  /// The source for `dialect`: for C++ the note is a `static std::atomic<uint32_t>`
  /// (include `<atomic>` before it); for CUDA a device variable (the GPU does not trap,
  /// so there the functions keep results defined).
  public static func source(for dialect: Dialect) -> String {
    let (qualifier, note, record) =
      switch dialect {
      case .cpp:
        (
          "static inline",
          "static std::atomic<uint32_t> genn_arithmetic_error{0};",
          """
          __attribute__((noinline, cold)) static void genn_note_division(uint32_t line) {
              uint32_t none = 0;
              genn_arithmetic_error.compare_exchange_strong(none, line, std::memory_order_relaxed);
          }
          """
        )
      case .cuda:
        (
          "__device__ __forceinline__",
          "__device__ uint32_t genn_arithmetic_error;",
          """
          __device__ __forceinline__ void genn_note_division(uint32_t line) {
              atomicCAS(&genn_arithmetic_error, 0u, line);
          }
          """
        )
      }
    return """
      // Integer division and remainder of code strings: 0 where C++ would trap (a divisor of
      // 0, or the minimum over -1), with the generated line noted for the host.
      \(note)
      \(record)
      template <typename A, typename B>
      \(qualifier) bool genn_division_traps(A a, B b) {
          typedef decltype(a / b) R;
          return (R)b == 0 || ((R)-1 < (R)0 && (R)b == (R)-1 && (R)a == (R)((R)1 << (sizeof(R) * 8 - 1)));
      }
      template <typename A, typename B>
      \(qualifier) auto genn_div(A a, B b, uint32_t line) -> decltype(a / b) {
          if (genn_division_traps(a, b)) { genn_note_division(line); return 0; }
          return a / b;
      }
      template <typename A, typename B>
      \(qualifier) auto genn_rem(A a, B b, uint32_t line) -> decltype(a % b) {
          if (genn_division_traps(a, b)) { genn_note_division(line); return 0; }
          return a % b;
      }
      template <typename T, typename B>
      \(qualifier) T &genn_divAssign(T &target, B b, uint32_t line) {
          target = (T)genn_div(target, b, line);
          return target;
      }
      template <typename T, typename B>
      \(qualifier) T &genn_remAssign(T &target, B b, uint32_t line) {
          target = (T)genn_rem(target, b, line);
          return target;
      }

      """
  }
}
