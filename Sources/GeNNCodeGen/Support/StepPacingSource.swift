/// C++ that every generated CPU module contains: the choice, made a few milliseconds at
/// a time, between sharing a step's phases among the pool's threads
/// (``ThreadPoolSource``) and running them on the calling thread alone.
///
/// Two threads help only while both have a core. When another program keeps a core busy,
/// or a second simulation runs beside this one, a worker the operating system has
/// descheduled in the middle of a chunk holds the phase for a time slice, and sharing
/// becomes slower than one thread. So steps are timed in epochs of some milliseconds, each
/// way keeps an estimate of its seconds per step (the mean of its last six epochs), and
/// the next epoch runs the faster way. The other way is tried again for one epoch now and
/// then, sooner after the chosen way's time changes (the machine changed), and never so
/// often that the tries cost more than about 1 % (each interval lasts at least 100 times
/// what the last try cost, counting the epochs after it that ran slower than the other
/// way would have). Which way a step ran never changes a result: chunks give the same bits
/// on any thread.
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
            if (m_WarmingUp) {
                // The first epoch starts the workers and fills the caches: it says
                // nothing about either way.
                m_WarmingUp = false;
                return;
            }
            const double perStep = seconds / steps;
            const unsigned way = m_Shared ? 1u : 0u;
            const unsigned other = 1u - way;
            if (!m_Trying && m_Count[way] > 0u) {
                const double expected = estimate(way);
                if (perStep > kChange * expected || kChange * perStep < expected) {
                    m_Interval = kMinInterval;
                }
            }
            m_Samples[way][m_Next[way]] = perStep;
            m_Next[way] = (m_Next[way] + 1u) % kSamples;
            m_Count[way] = std::min(m_Count[way] + 1u, kSamples);
            if (m_Count[other] == 0u) {
                // The other way has never run: it runs next.
                m_Shared = !m_Shared;
                return;
            }
            m_Cost += std::max(0.0, seconds - steps * estimate(other));
            const bool shareFaster = estimate(1u) < estimate(0u);
            if (m_Trying) {
                const bool choiceKept = (shareFaster != m_Shared);
                if (choiceKept && perStep < estimate(other) && m_Repeats + 1u < kSamples) {
                    // A promising try: tried again at once, so that a way that became
                    // faster is chosen without waiting for further intervals (the
                    // estimate needs several epochs to follow).
                    m_Repeats++;
                    return;
                }
                m_Repeats = 0u;
                m_Trying = false;
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
        /// Each way's estimate is the mean of its last `kSamples` epochs' seconds per
        /// step, so that one epoch in which another program took a thread away, or one
        /// lucky try, does not change the choice, while stalls that recur count in full.
        static constexpr uint32_t kSamples = 6u;

        /// Way `way`'s estimate (0: alone, 1: shared) of seconds per step.
        double estimate(unsigned way) const {
            double sum = 0.0;
            for (uint32_t i = 0; i < m_Count[way]; i++) { sum += m_Samples[way][i]; }
            return sum / m_Count[way];
        }

        /// Each way's last seconds per step, `m_Count` of them, the next written at `m_Next`.
        double m_Samples[2][kSamples] = {};
        uint32_t m_Count[2] = {0u, 0u};
        uint32_t m_Next[2] = {0u, 0u};
        bool m_Shared = true;
        bool m_WarmingUp = true;
        bool m_Trying = false;
        /// Epochs a try has been repeated for (see `epochEnded`).
        uint32_t m_Repeats = 0u;
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
