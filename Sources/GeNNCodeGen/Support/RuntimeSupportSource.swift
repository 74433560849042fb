/// C++ that every generated CPU module contains: a persistent pool of worker threads
/// that splits each phase of a time step across cores, and the helpers the phases use.
///
/// Workers spin briefly waiting for the next phase (time steps follow each other within
/// microseconds), then sleep on a condition variable, so an idle simulation costs nothing.
enum RuntimeSupportSource {
  /// The most threads a simulation runs on (`genn::kMaxThreads`).
  static let maxThreads = 256

  static let cpp = """
    namespace genn {
    constexpr unsigned kMaxThreads = \(maxThreads);

    /// The range of elements thread `thread` of `numThreads` works on: contiguous,
    /// in whole 32-element words so that threads never share a word of a bit mask.
    struct Range { uint32_t begin; uint32_t end; };
    static inline Range threadRange(uint32_t n, unsigned thread, unsigned numThreads) {
        const uint32_t words = (n + 31u) / 32u;
        const uint32_t perThread = (words + numThreads - 1u) / numThreads;
        const uint64_t begin = (uint64_t)thread * perThread * 32u;
        const uint64_t end = begin + (uint64_t)perThread * 32u;
        return {(uint32_t)std::min<uint64_t>(begin, n), (uint32_t)std::min<uint64_t>(end, n)};
    }

    /// Reorders `array[0..<order.size()]` so element `j` is the old element `order[j]`.
    template <typename T>
    static inline void permute(T *array, const std::vector<uint32_t> &order) {
        std::vector<T> copy(array, array + order.size());
        for (size_t j = 0; j < order.size(); j++) { array[j] = copy[order[j]]; }
    }

    /// How many spikes ahead the presynaptic update asks for a row to be fetched, and how
    /// many synapses ahead postsynaptic learning asks for a column's variables.
    constexpr uint32_t kRowPrefetchDistance = 8;

    /// Asks the cache for the first 512 bytes of a row of `stride` elements (the
    /// hardware prefetcher follows a longer row once it is being read).
    template <typename T>
    static inline void prefetchRow(const T *row, uint32_t stride) {
        const char *bytes = reinterpret_cast<const char *>(row);
        const size_t size = std::min<size_t>((size_t)stride * sizeof(T), 512);
        for (size_t offset = 0; offset < size; offset += 64) { __builtin_prefetch(bytes + offset); }
    }

    /// Appends a synapse to a row being built, or notes that the row overflowed; returns
    /// the place it took (`stride` when the row is full), where its values go too.
    /// `Index` is the row's index type, as narrow as the target population allows.
    template <typename Index>
    static inline uint32_t addSynapse(Index *row, uint32_t &length, uint32_t stride, bool &overflow,
                                      uint32_t post) {
        if (length < stride) { row[length] = (Index)post; return length++; }
        overflow = true;
        return stride;
    }

    /// Notes that the build code of row (or column) `row` added a synapse to `target`,
    /// beyond the population: `slot` keeps the first such synapse in (row, target) order,
    /// as the largest `~(row << 32 | target)`.
    static inline void noteOutOfRange(uint64_t &slot, uint32_t row, uint32_t target) {
        const uint64_t key = ~(((uint64_t)row << 32) | target);
        if (key > slot) { slot = key; }
    }

    /// Sorts a row of targets ascending, moving the synapses' `values` along (stable, so
    /// repeated targets keep the order they were added in).
    template <typename Index, typename... Values>
    static inline void sortRow(Index *row, uint32_t length, Values *...values) {
        if (std::is_sorted(row, row + length)) { return; }
        std::vector<uint32_t> order(length);
        for (uint32_t j = 0; j < length; j++) { order[j] = j; }
        std::stable_sort(order.begin(), order.end(),
                         [row](uint32_t a, uint32_t b) { return row[a] < row[b]; });
        permute(row, order);
        (permute(values, order), ...);
    }

    /// Moves the ids each thread wrote at the start of its range of an event list of
    /// `size` neurons together, in ascending order; `counts[thread * stride]` is how many
    /// each thread wrote. Returns the total.
    static inline uint32_t gather(uint32_t *list, uint32_t size, const uint32_t *counts,
                                  unsigned stride, unsigned numThreads) {
        uint32_t total = 0;
        for (unsigned thread = 0; thread < numThreads; thread++) {
            const Range range = threadRange(size, thread, numThreads);
            const uint32_t count = counts[thread * stride];
            if (range.begin != total && count > 0) {
                std::memmove(list + total, list + range.begin, count * sizeof(uint32_t));
            }
            total += count;
        }
        return total;
    }
    /// Sets bit `index` of a bit mask; safe when threads set bits of one word.
    static inline void setBit(uint32_t *words, size_t index) {
        __atomic_fetch_or(&words[index / 32u], 1u << (index % 32u), __ATOMIC_RELAXED);
    }

    class ThreadPool {
    public:
        typedef void (*Task)(void *context, unsigned thread, unsigned numThreads);

        ~ThreadPool() { resize(1); }

        unsigned size() const { return m_NumThreads; }

        /// Sets the number of threads, the calling thread included.
        void resize(unsigned numThreads) {
            numThreads = std::max(1u, std::min(numThreads, kMaxThreads));
            if (numThreads == m_NumThreads) { return; }
            {
                std::lock_guard<std::mutex> lock(m_Mutex);
                m_Stop = true;
                m_Generation++;
            }
            m_Condition.notify_all();
            for (auto &worker : m_Workers) { worker.join(); }
            m_Workers.clear();
            m_Stop = false;
            m_NumThreads = numThreads;
            const uint64_t start = m_Generation.load();
            for (unsigned i = 1; i < numThreads; i++) {
                m_Workers.emplace_back([this, i, start]() { workerLoop(i, start); });
            }
        }

        /// Called by every thread of a running task: returns when all `numThreads` have
        /// arrived. Spins briefly, then yields, so more threads than cores still progress.
        void barrier(unsigned numThreads) {
            if (numThreads == 1) { return; }
            const unsigned generation = m_BarrierGeneration.load(std::memory_order_acquire);
            if (m_BarrierCount.fetch_add(1, std::memory_order_acq_rel) == numThreads - 1) {
                m_BarrierCount.store(0, std::memory_order_relaxed);
                m_BarrierGeneration.fetch_add(1, std::memory_order_acq_rel);
                return;
            }
            for (unsigned spin = 0; m_BarrierGeneration.load(std::memory_order_acquire) == generation; spin++) {
                if (spin < 4000) { pause(); } else { std::this_thread::yield(); }
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
            m_Pending.store(m_NumThreads - 1, std::memory_order_relaxed);
            bool wake;
            {
                std::lock_guard<std::mutex> lock(m_Mutex);
                m_Generation++;
                wake = (m_Sleepers > 0);
            }
            if (wake) { m_Condition.notify_all(); }
            task(context, 0, m_NumThreads);
            for (unsigned spin = 0; m_Pending.load(std::memory_order_acquire) != 0; spin++) {
                if (spin < 4000) { pause(); } else { std::this_thread::yield(); }
            }
        }

    private:
        static inline void pause() {
    #if defined(__x86_64__) || defined(__i386__)
            __builtin_ia32_pause();
    #elif defined(__aarch64__)
            __asm__ __volatile__("yield");
    #endif
        }

        /// Waits for each new generation after `seen` and runs its task.
        void workerLoop(unsigned index, uint64_t seen) {
            while (true) {
                bool ready = false;
                for (int spin = 0; spin < 4000 && !ready; spin++) {
                    ready = (m_Generation.load(std::memory_order_acquire) != seen);
                    if (!ready) { pause(); }
                }
                {
                    std::unique_lock<std::mutex> lock(m_Mutex);
                    if (m_Generation.load() == seen) {
                        m_Sleepers++;
                        m_Condition.wait(lock, [this, seen]() { return m_Generation.load() != seen; });
                        m_Sleepers--;
                    }
                    seen = m_Generation.load();
                    if (m_Stop) { return; }
                }
                m_Task(m_Context, index, m_NumThreads);
                m_Pending.fetch_sub(1, std::memory_order_acq_rel);
            }
        }

        std::vector<std::thread> m_Workers;
        std::mutex m_Mutex;
        std::condition_variable m_Condition;
        std::atomic<uint64_t> m_Generation{0};
        unsigned m_Sleepers = 0;
        bool m_Stop = false;
        unsigned m_NumThreads = 1;
        std::atomic<unsigned> m_Pending{0};
        std::atomic<unsigned> m_BarrierCount{0};
        std::atomic<unsigned> m_BarrierGeneration{0};
        Task m_Task = nullptr;
        void *m_Context = nullptr;
    };
    }  // namespace genn

    """
}
