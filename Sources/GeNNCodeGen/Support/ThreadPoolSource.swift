/// C++ that every generated CPU module contains: a persistent pool of worker threads
/// that shares out the phases of a time step, and the neuron phase's chunks.
///
/// A phase of a step is split into chunks that any thread takes from an atomic counter,
/// and it ends when every chunk is done, not when every thread has arrived: a thread the
/// operating system has descheduled before taking its share holds nobody up, because the
/// running threads take the chunks it did not. Each chunk writes only its own results
/// (its own neurons, its own range of postsynaptic inputs, its own spike count), and the
/// calling thread combines them in chunk order, so which thread ran a chunk never shows
/// in a result. Waiting threads spin for a moment (time steps follow each other within
/// microseconds) and then sleep, so a thread that waits for a descheduled one gives its
/// core to it, and an idle simulation costs nothing.
enum ThreadPoolSource {
  static let cpp = """
    namespace genn {
    /// Chunks of the neuron phase: at least this many neurons each, at most
    /// `kMaxNeuronChunks` per population, so a chunk is worth taking from a counter.
    constexpr uint32_t kMinNeuronChunk = 4096u;
    constexpr uint32_t kMaxNeuronChunks = 32u;

    /// The neurons of a chunk of a population of `n`: a multiple of 256, so chunks never
    /// share a word of a bit mask and a chunk's update emits spikes 256 neurons at a time.
    /// It depends on `n` alone.
    static inline uint32_t neuronChunkSize(uint32_t n) {
        const uint64_t spread = ((uint64_t)n + kMaxNeuronChunks - 1u) / kMaxNeuronChunks;
        const uint64_t rounded = (spread + 255u) / 256u * 256u;
        return (uint32_t)std::max<uint64_t>(kMinNeuronChunk, rounded);
    }

    /// One chunk of the neuron phase: neurons `[begin, end)` of population `population`
    /// of merged neuron group `group`; its update writes its spikes (and events) at the
    /// start of its range of each list and their numbers at `counts`.
    struct NeuronChunk { uint32_t group; uint32_t population; uint32_t begin; uint32_t end; uint32_t *counts; };

    /// Moves the ids that `numChunks` consecutive chunks of one population wrote at the
    /// start of their ranges of an event list together, in chunk order (so ascending);
    /// `counts[list]` of each chunk is how many it wrote. Returns the total.
    static inline uint32_t gather(uint32_t *ids, const NeuronChunk *chunks, uint32_t numChunks, unsigned list) {
        uint32_t total = 0;
        for (uint32_t c = 0; c < numChunks; c++) {
            const uint32_t count = chunks[c].counts[list];
            if (chunks[c].begin != total && count > 0) {
                std::memmove(ids + total, ids + chunks[c].begin, count * sizeof(uint32_t));
            }
            total += count;
        }
        return total;
    }

    class ThreadPool {
    public:
        /// Work that every thread runs once: `thread` of `numThreads`.
        typedef void (*Task)(void *context, unsigned thread, unsigned numThreads);
        /// One chunk of a shared phase.
        typedef void (*ChunkTask)(void *context, uint32_t chunk);

        ~ThreadPool() { resize(1); }

        unsigned size() const { return m_NumThreads; }

        /// Sets the number of threads, the calling thread included.
        void resize(unsigned numThreads) {
            numThreads = std::max(1u, std::min(numThreads, kMaxThreads));
            if (numThreads == m_NumThreads) { return; }
            {
                std::lock_guard<std::mutex> lock(m_Mutex);
                m_Stop.store(true);
                m_Generation.fetch_add(1);
            }
            m_WorkerWake.notify_all();
            for (auto &worker : m_Workers) { worker.join(); }
            m_Workers.clear();
            m_Stop.store(false);
            m_NumThreads = numThreads;
            const uint64_t generation = m_Generation.load();
            const uint32_t phase = (uint32_t)(m_Work.load() >> 32);
            for (unsigned i = 1; i < numThreads; i++) {
                m_Workers.emplace_back([this, i, generation, phase]() { workerLoop(i, generation, phase); });
            }
        }

        /// Runs `task` on every thread (the caller is thread 0) and returns when all are done.
        void run(Task task, void *context) {
            if (m_NumThreads == 1) {
                task(context, 0, 1);
                return;
            }
            m_Task = task;
            m_Context = context;
            m_Pending.store(m_NumThreads - 1);
            bool wake;
            {
                std::lock_guard<std::mutex> lock(m_Mutex);
                m_Generation.fetch_add(1);
                wake = (m_Sleepers > 0);
            }
            if (wake) { m_WorkerWake.notify_all(); }
            task(context, 0, m_NumThreads);
            waitUntil([this]() { return m_Pending.load() == 0; });
        }

        /// Runs `task` once for each chunk `0..<numChunks`, on whichever threads are free
        /// (the caller among them), and returns when every chunk is done. Which thread
        /// runs a chunk never changes a result. (Whether a step shares its phases at all
        /// is ``StepPacing``'s choice.)
        void share(ChunkTask task, void *context, uint32_t numChunks) {
            if (m_NumThreads == 1 || numChunks < 2) {
                for (uint32_t chunk = 0; chunk < numChunks; chunk++) { task(context, chunk); }
                return;
            }
            // A worker that read these for an older phase cannot take a chunk: the phase
            // was closed before they changed (see `help`).
            m_ShareTask.store(task, std::memory_order_release);
            m_ShareContext.store(context, std::memory_order_release);
            m_ShareChunks.store(numChunks, std::memory_order_release);
            m_Done.store(0, std::memory_order_relaxed);
            m_Phase++;
            bool wake;
            {
                std::lock_guard<std::mutex> lock(m_Mutex);
                m_Work.store((uint64_t)m_Phase << 32);
                wake = (m_Sleepers > 0);
            }
            if (wake) { m_WorkerWake.notify_all(); }
            for (uint64_t word = m_Work.fetch_add(1); (uint32_t)word < numChunks; word = m_Work.fetch_add(1)) {
                task(context, (uint32_t)word);
                m_Done.fetch_add(1);
            }
            if (m_Done.load() != numChunks) {
                waitUntil([this, numChunks]() { return m_Done.load() == numChunks; });
            }
            // Closes the phase: no chunk index is below this one.
            m_Work.store(((uint64_t)m_Phase << 32) | kClosed);
        }

    private:
        static constexpr uint32_t kClosed = 0xFFFFFFFFu;

        /// Pauses a waiting thread makes before it sleeps: some tens of microseconds.
        static constexpr unsigned kSpins = 2000;

        static inline void pause() {
    #if defined(__x86_64__) || defined(__i386__)
            __builtin_ia32_pause();
    #elif defined(__aarch64__)
            __asm__ __volatile__("yield");
    #endif
        }

        /// The calling thread's wait for workers: spins, then sleeps until a worker that
        /// finishes the last of the work wakes it. `done` reads its counter sequentially
        /// consistently, as `wakeCaller`'s caller writes it, so one of the two sees the other.
        template <typename Done>
        void waitUntil(Done done) {
            for (unsigned spin = 0; spin < kSpins; spin++) {
                if (done()) { return; }
                pause();
            }
            std::unique_lock<std::mutex> lock(m_Mutex);
            m_CallerSleeping.store(true);
            m_CallerWake.wait(lock, done);
            m_CallerSleeping.store(false);
        }

        /// Called by a worker that finished the last of the work the caller waits for.
        void wakeCaller() {
            if (!m_CallerSleeping.load()) { return; }
            { std::lock_guard<std::mutex> lock(m_Mutex); }
            m_CallerWake.notify_one();
        }

        /// Takes and runs chunks of the phase whose work word a worker read as `word`
        /// until none is left. A worker may read the phase's task late, after a newer
        /// phase replaced it; the newer phase's values were stored after the older phase
        /// was closed, so the exchange that would take a chunk of the older phase fails.
        void help(uint64_t word) {
            const uint32_t phase = (uint32_t)(word >> 32);
            const ChunkTask task = m_ShareTask.load(std::memory_order_acquire);
            void *const context = m_ShareContext.load(std::memory_order_acquire);
            const uint32_t numChunks = m_ShareChunks.load(std::memory_order_acquire);
            while ((uint32_t)(word >> 32) == phase && (uint32_t)word < numChunks) {
                if (!m_Work.compare_exchange_weak(word, word + 1)) { continue; }
                task(context, (uint32_t)word);
                if (m_Done.fetch_add(1) + 1 == numChunks) { wakeCaller(); }
                word = m_Work.load();
            }
        }

        /// Waits for each new task after generation `generation` and each new phase
        /// after `phase`, runs the task and helps with the phase.
        void workerLoop(unsigned index, uint64_t generation, uint32_t phase) {
            const auto fresh = [this, &generation, &phase]() {
                return m_Generation.load(std::memory_order_acquire) != generation ||
                       (uint32_t)(m_Work.load(std::memory_order_acquire) >> 32) != phase;
            };
            while (true) {
                bool ready = false;
                for (unsigned spin = 0; spin < kSpins && !ready; spin++) {
                    ready = fresh();
                    if (!ready) { pause(); }
                }
                if (!ready) {
                    std::unique_lock<std::mutex> lock(m_Mutex);
                    m_Sleepers++;
                    m_WorkerWake.wait(lock, fresh);
                    m_Sleepers--;
                }
                if (m_Generation.load() != generation) {
                    generation = m_Generation.load();
                    if (m_Stop.load()) { return; }
                    m_Task(m_Context, index, m_NumThreads);
                    if (m_Pending.fetch_sub(1) == 1) { wakeCaller(); }
                    continue;
                }
                const uint64_t word = m_Work.load();
                phase = (uint32_t)(word >> 32);
                help(word);
            }
        }

        std::vector<std::thread> m_Workers;
        std::mutex m_Mutex;
        std::condition_variable m_WorkerWake;
        std::condition_variable m_CallerWake;
        unsigned m_Sleepers = 0;
        std::atomic<bool> m_CallerSleeping{false};
        std::atomic<bool> m_Stop{false};
        unsigned m_NumThreads = 1;
        // Tasks every thread runs: a new generation each.
        std::atomic<uint64_t> m_Generation{0};
        std::atomic<unsigned> m_Pending{0};
        Task m_Task = nullptr;
        void *m_Context = nullptr;
        // Shared phases: the phase number (high half) and the next chunk (low half).
        std::atomic<uint64_t> m_Work{kClosed};
        uint32_t m_Phase = 0;
        std::atomic<ChunkTask> m_ShareTask{nullptr};
        std::atomic<void *> m_ShareContext{nullptr};
        std::atomic<uint32_t> m_ShareChunks{0};
        std::atomic<uint32_t> m_Done{0};
    };
    }  // namespace genn

    """
}
