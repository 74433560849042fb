/// C++ that every generated CPU module contains: the choice, made a few dozen steps at
/// a time, between sharing a step's phases among the pool's threads
/// (``ThreadPoolSource``) and running them on the calling thread alone.
///
/// Two threads help only while both have a core. When another program keeps a core busy,
/// or a second simulation runs beside this one, a worker the operating system has
/// descheduled in the middle of a chunk holds the phase for a time slice, and sharing
/// becomes slower than one thread. So steps are timed in epochs of some milliseconds, each
/// way keeps an estimate of its seconds per step, and the next epoch runs the faster way. The
/// other way is tried again for one epoch now and then, sooner after the chosen way's time
/// changes (the machine changed), and never so often that the tries cost more than about
/// 1 % (each interval lasts at least 100 times what the last try cost, counting the epochs
/// after it that ran slower than the other way would have). Which way a step
/// ran never changes a result: chunks give the same bits on any thread.
enum StepPacingSource {
  static let cpp = """
    namespace genn {
    class StepPacing {
    public:
        using Clock = std::chrono::steady_clock;

        /// Before each step of a run that may share its phases: whether this step shares
        /// them. `mark` is when the run (or the epoch, if it began later) began timing.
        bool beforeStep(Clock::time_point &mark) {
            if (m_Steps > 0u && m_Steps % kCheckSteps == 0u) {
                const Clock::time_point now = Clock::now();
                m_Elapsed += now - mark;
                mark = now;
                const double seconds = std::chrono::duration<double>(m_Elapsed).count();
                if (seconds >= kEpochSeconds) {
                    epochEnded(seconds, m_Steps);
                    m_Steps = 0u;
                    m_Elapsed = Clock::duration::zero();
                }
            }
            m_Steps++;
            return m_Shared;
        }

        /// When a run that may share its phases returns: its steps since `mark` count
        /// towards the epoch (the time between runs does not).
        void afterRun(Clock::time_point mark) { m_Elapsed += Clock::now() - mark; }

        /// Whether the steps of the epoch under way share their phases.
        bool sharing() const { return m_Shared; }

        /// Notes that the epoch under way took `seconds` for `steps` steps, and chooses the
        /// next epoch's way (`sharing()`).
        void epochEnded(double seconds, uint32_t steps) {
            const double perStep = seconds / steps;
            const unsigned way = m_Shared ? 1u : 0u;
            const unsigned other = 1u - way;
            double &estimate = m_PerStep[way];
            if (m_Age[way] > kFreshEpochs) {
                estimate = perStep;
            } else {
                if (!m_Trying && (perStep > kChange * estimate || kChange * perStep < estimate)) {
                    m_Interval = kMinInterval;
                }
                estimate += (perStep - estimate) / 4.0;
            }
            m_Age[way] = 0u;
            m_Age[other] = std::min(m_Age[other] + 1u, kFreshEpochs + 1u);
            if (m_PerStep[other] < 0.0) {
                // The other way has never run: it runs next.
                m_Shared = !m_Shared;
                return;
            }
            m_Cost += std::max(0.0, seconds - steps * m_PerStep[other]);
            const bool shareFaster = m_PerStep[1] < m_PerStep[0];
            if (m_Trying) {
                m_Trying = false;
                const bool choiceKept = (shareFaster != m_Shared);
                m_Interval = choiceKept ? std::min(2.0 * m_Interval, kMaxInterval) : kMinInterval;
                m_SinceTry = 0.0;
            } else {
                m_SinceTry += seconds;
            }
            m_Trying = m_SinceTry >= std::max(m_Interval, kCostShare * m_Cost);
            if (m_Trying) { m_Cost = 0.0; }
            m_Shared = (shareFaster != m_Trying);
        }

    private:
        /// An epoch lasts whole multiples of `kCheckSteps` steps until it has lasted
        /// `kEpochSeconds`: longer than the operating system's time slice, so that a
        /// thread descheduled in it costs it a fraction, as it costs the way on average.
        static constexpr uint32_t kCheckSteps = 16u;
        static constexpr double kEpochSeconds = 0.005;
        /// Seconds between tries of the way not chosen: from `kMinInterval`, doubling after
        /// each try that leaves the choice as it was, up to `kMaxInterval`.
        static constexpr double kMinInterval = 0.025;
        static constexpr double kMaxInterval = 1.0;
        /// An interval lasts at least this many times what the last try cost: the extra
        /// seconds of the epochs since it began that ran slower than the other way would have.
        static constexpr double kCostShare = 100.0;
        /// The chosen way's epoch taking this many times its estimate, or this many times
        /// less, means the machine changed: the other way is tried again soon.
        static constexpr double kChange = 1.5;
        /// An estimate not refreshed for more than this many epochs is replaced, not
        /// averaged, by the next measurement.
        static constexpr uint32_t kFreshEpochs = 1u;

        /// Seconds per step of each way (0: alone, 1: shared); negative until measured.
        double m_PerStep[2] = {-1.0, -1.0};
        /// Epochs since each way last ran.
        uint32_t m_Age[2] = {kFreshEpochs + 1u, kFreshEpochs + 1u};
        bool m_Shared = true;
        bool m_Trying = false;
        uint32_t m_Steps = 0u;
        Clock::duration m_Elapsed = Clock::duration::zero();
        double m_SinceTry = 0.0;
        double m_Interval = kMinInterval;
        /// Extra seconds since the last try began (see `kCostShare`).
        double m_Cost = 0.0;
    };
    }  // namespace genn

    """
}
