/// C++ that every generated CPU module contains: a persistent pool of worker threads
/// that shares out the phases of a time step, and the neuron phase's chunks.
///
/// A phase of a step is split into chunks, and it ends when every chunk is done, not when
/// every thread has arrived. Each thread owns some chunks (the same each step, so that a
/// chunk's neurons and inputs stay in that thread's core's cache) and takes them from its
/// own atomic cursor; a thread out of chunks takes the others' from the other end of
/// their cursors, so a thread the operating system has descheduled holds nobody up: the
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
    /// of merged neuron group `group` in batch `batch`; its update writes its spikes (and
    /// events) at the start of its range of each list and their numbers at `counts`.
    struct NeuronChunk { uint32_t group; uint32_t population; uint32_t begin; uint32_t end; uint32_t *counts; uint32_t batch; };

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

    /// The thread of `threads` that owns a chunk covering elements `[begin, end)` of `n`:
    /// the one whose equal share of the elements holds the chunk's middle.
    static inline unsigned chunkOwner(uint32_t begin, uint32_t end, uint32_t n, unsigned threads) {
        const uint64_t middle = (uint64_t)begin + end;
        return (unsigned)std::min<uint64_t>(threads - 1u, middle * threads / (2u * (uint64_t)std::max(1u, n)));
    }

    /// Lays out the chunks each thread owns (`owned[thread]`) for ``ThreadPool::share``:
    /// `order` lists thread 0's, then thread 1's, ...; thread `t`'s are
    /// `order[bounds[t] ..< bounds[t + 1]]`.
    static inline void layOutOwners(const std::vector<std::vector<uint32_t>> &owned,
                                    std::vector<uint32_t> &order, std::vector<uint32_t> &bounds) {
        order.clear();
        bounds.assign(1, 0u);
        for (const std::vector<uint32_t> &chunks : owned) {
            order.insert(order.end(), chunks.begin(), chunks.end());
            bounds.push_back((uint32_t)order.size());
        }
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
                m_Workers.emplace_back([this, i, generation, phase]() {
                    // Workers run only model code: its floating-point mode for good.
                    const FloatMode mode;
                    workerLoop(i, generation, phase);
                });
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
        /// (the caller among them), and returns when every chunk is done: each thread `t`
        /// first the chunks it owns, `order[bounds[t] ..< bounds[t + 1]]` (``layOutOwners``),
        /// then any that others have not taken yet (see `take`). Which thread runs a chunk
        /// never changes a result. (Whether a step shares its phases at all is
        /// ``StepPacing``'s choice; a phase of more than `kMaxSharedChunks` chunks runs on
        /// the caller.)
        void share(ChunkTask task, void *context, uint32_t numChunks, const uint32_t *order,
                   const uint32_t *bounds) {
            if (m_NumThreads == 1 || numChunks < 2 || numChunks > kMaxSharedChunks) {
                for (uint32_t chunk = 0; chunk < numChunks; chunk++) { task(context, chunk); }
                return;
            }
            // A worker that read these for an older phase cannot take a chunk: the phase
            // was closed before they changed (see `help`).
            m_ShareTask.store(task, std::memory_order_release);
            m_ShareContext.store(context, std::memory_order_release);
            m_ShareChunks.store(numChunks, std::memory_order_release);
            m_ShareOrder.store(order, std::memory_order_release);
            m_Done.store(0, std::memory_order_relaxed);
            m_Phase++;
            const uint64_t phaseWord = (uint64_t)m_Phase << 32;
            for (unsigned t = 0; t < m_NumThreads; t++) {
                m_Cursors[t].word.store(phaseWord | untaken(bounds[t], bounds[t + 1u]),
                                        std::memory_order_release);
            }
            bool wake;
            {
                std::lock_guard<std::mutex> lock(m_Mutex);
                m_Work.store(phaseWord);
                wake = (m_Sleepers > 0);
            }
            if (wake) { m_WorkerWake.notify_all(); }
            take(0, m_Phase, task, context, numChunks, order);
            if (m_Done.load() != numChunks) {
                waitUntil([this, numChunks]() { return m_Done.load() == numChunks; });
            }
            // Closes the phase: no cursor is below its end.
            for (unsigned t = 0; t < m_NumThreads; t++) {
                m_Cursors[t].word.store(phaseWord | kClosed, std::memory_order_release);
            }
            m_Work.store(phaseWord | kClosed);
        }

    private:
        /// The low half of a closed phase's words: a cursor's empty range.
        static constexpr uint32_t kClosed = 0xFFFFFFFFu;
        /// The most chunks a shared phase has: positions in `order` fit in 16 bits.
        static constexpr uint32_t kMaxSharedChunks = 0xFFFEu;
        /// What adds 1 to the front of a cursor's range.
        static constexpr uint64_t kFrontStep = 0x10000u;

        /// The low half of a cursor's word for the chunks at positions `front ..< back` of
        /// `order` not yet taken.
        static inline uint64_t untaken(uint32_t front, uint32_t back) {
            return ((uint64_t)front << 16) | back;
        }
        static inline uint32_t front(uint64_t word) { return (uint32_t)(word >> 16) & 0xFFFFu; }
        static inline uint32_t back(uint64_t word) { return (uint32_t)word & 0xFFFFu; }

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

        /// Takes and runs chunks of the phase whose work word worker `self` read as `word`
        /// until none is left. A worker may read the phase's task late, after a newer
        /// phase replaced it; the newer phase's values were stored after the older phase
        /// was closed, so the exchange that would take a chunk of the older phase fails.
        void help(unsigned self, uint64_t word) {
            const uint32_t phase = (uint32_t)(word >> 32);
            const ChunkTask task = m_ShareTask.load(std::memory_order_acquire);
            void *const context = m_ShareContext.load(std::memory_order_acquire);
            const uint32_t numChunks = m_ShareChunks.load(std::memory_order_acquire);
            const uint32_t *const order = m_ShareOrder.load(std::memory_order_acquire);
            take(self, phase, task, context, numChunks, order);
        }

        /// Runs, on thread `self`, the chunks of phase `phase` that no thread has taken:
        /// its own from the front of its range, then each other thread's from the back of
        /// theirs. A thread's cursor holds the phase and the range of its chunks not yet
        /// taken; a chunk is taken by moving one end of the range past it, which fails
        /// once the phase is closed or replaced. Taking from the back leaves each thread
        /// the chunks it is about to run; and a thread that is steadily ahead (the caller,
        /// which starts each phase first) takes the same last chunks step after step, so
        /// their neurons and inputs stay in its core's cache rather than moving between
        /// cores each step.
        void take(unsigned self, uint32_t phase, ChunkTask task, void *context, uint32_t numChunks,
                  const uint32_t *order) {
            for (unsigned k = 0; k < m_NumThreads; k++) {
                const bool own = (k == 0);
                std::atomic<uint64_t> &cursor = m_Cursors[(self + k) % m_NumThreads].word;
                uint64_t word = cursor.load();
                while ((uint32_t)(word >> 32) == phase && front(word) < back(word)) {
                    if (!cursor.compare_exchange_weak(word, own ? word + kFrontStep : word - 1u)) {
                        continue;
                    }
                    task(context, order[own ? front(word) : back(word) - 1u]);
                    if (m_Done.fetch_add(1) + 1 == numChunks && self != 0) { wakeCaller(); }
                    word = cursor.load();
                }
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
                help(index, word);
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
        // Shared phases: the phase number (high half; the low half is `kClosed` once
        // the phase is over), and each thread's cursor into its chunks: the phase number
        // and the positions in `order` of its chunks not yet taken (`untaken`).
        std::atomic<uint64_t> m_Work{kClosed};
        struct alignas(64) Cursor { std::atomic<uint64_t> word{kClosed}; };
        Cursor m_Cursors[kMaxThreads];
        uint32_t m_Phase = 0;
        std::atomic<ChunkTask> m_ShareTask{nullptr};
        std::atomic<void *> m_ShareContext{nullptr};
        std::atomic<uint32_t> m_ShareChunks{0};
        std::atomic<const uint32_t *> m_ShareOrder{nullptr};
        std::atomic<uint32_t> m_Done{0};
    };
    }  // namespace genn

    """
}
