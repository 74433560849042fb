/*
 * SwiftGeNN's C interface: a model file's model in, a running simulation out, its state
 * as pointers into the simulation's own memory. What the Python package (and any other
 * language) calls; the library is the `GeNNCAPI` product.
 *
 * Conventions:
 * - Handles are opaque; each `*_create`/`*_parse` is matched by one `*_free`.
 * - A function that can fail returns NULL or a nonzero status and, when `error` is not
 *   NULL, sets `*error` to a message the caller frees with `genn_string_free`: the same
 *   text SwiftGeNN's own errors carry (the element, the file:line:column of a model file,
 *   what is allowed). No call aborts the process for a bad input.
 * - Strings in are UTF-8 and NUL-terminated; they are copied, never kept.
 * - A handle is used by one thread at a time. Calls block until done (building waits
 *   for the compiler); a Swift caller makes them from a thread of its own, never from a
 *   task of Swift's concurrency.
 */
#ifndef GENN_H
#define GENN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this interface; a caller built against another version must not call
 * anything else. */
#define GENN_ABI_VERSION 2u

/* The element types of state arrays (as NumPy's dtypes of the same names). */
typedef enum genn_element_type {
    GENN_BOOL = 0,
    GENN_INT8 = 1,
    GENN_UINT8 = 2,
    GENN_INT16 = 3,
    GENN_UINT16 = 4,
    GENN_INT32 = 5,
    GENN_UINT32 = 6,
    GENN_INT64 = 7,
    GENN_UINT64 = 8,
    GENN_FLOAT = 9,
    GENN_DOUBLE = 10
} genn_element_type;

/* One array of a simulation's state: `count` elements of `type` (genn_element_type) at
 * `data`, valid until the simulation is freed. On the CPU backends it is the memory the
 * generated code works on: writes through `data` are seen by the next step. On "cuda"
 * it is the host's copy of the array: genn_simulation_pull fills it from the GPU and
 * genn_simulation_push copies it to the GPU (as PyGeNN's pull_from_device and
 * push_to_device). */
typedef struct genn_array {
    void *data;
    int32_t type;
    uint64_t count;
} genn_array;

/* How the elements of a variable's array (genn_simulation_variable) are laid out. */
typedef struct genn_layout {
    /* Delay slots of `slot_size` elements each, one after another; 1 for a variable that
     * is not read through a delay. */
    uint64_t slots;
    /* The slot holding the latest values (what PyGeNN's current_view shows): the slot the
     * last step wrote, (timestep + slots - 1) % slots after `timestep` steps, so it moves
     * on by one each step; 0 when there is one slot. GeNN's spkQuePtr is timestep % slots:
     * the same ring of slots, started one slot later. */
    uint64_t latest_slot;
    /* The elements of each slot. */
    uint64_t slot_size;
    /* For a per-synapse variable of a SPARSE population (a weight update variable, or a
     * custom update's over its synapses): its rows, one per presynaptic neuron, and the
     * elements of each padded row, as genn_simulation_sparse_rows gives them; 0 and 0
     * otherwise. */
    uint64_t rows;
    uint64_t row_stride;
    /* The copies of the variable, one per batch (a model with `batch_size` above 1 keeps
     * one of each variable with GeNN's BATCH dimension), each laid out as above and
     * `batch_stride` elements after the previous one; 1 and the whole array otherwise. */
    uint64_t batches;
    uint64_t batch_stride;
} genn_layout;

/* The side of a synapse population whose neurons' spike-like events are meant. */
typedef enum genn_synapse_side {
    GENN_PRESYNAPTIC = 0,
    GENN_POSTSYNAPTIC = 1
} genn_synapse_side;

/* A model read from a model file's text (YAML or JSON). */
typedef struct genn_model genn_model;
/* A model built and loaded on a backend, running. */
typedef struct genn_simulation genn_simulation;

/* GENN_ABI_VERSION of the library loaded. */
uint32_t genn_abi_version(void);

/* Frees a string this interface returned; NULL is ignored. */
void genn_string_free(char *string);

/* The fields of every built-in model and snippet as JSON, a string to free with
 * genn_string_free: {"neuron": {"LIF": {"params": [...], "derived_params": [...],
 * "vars": [{"name", "type", "access"}], ...}}, "postsynaptic", "weight_update",
 * "current_source", "custom_update", "init_var", "sparse_connectivity",
 * "toeplitz_connectivity"}. */
char *genn_builtin_models(void);

/* 1 when this machine can run the "cuda" backend (a usable NVIDIA driver, GPU and
 * NVRTC, found as `genn run --backend auto` finds them), else 0; `*summary` (when not
 * NULL) is set to one line saying what was found or what is missing, to free with
 * genn_string_free. */
int32_t genn_cuda_usable(char **summary);

/* Reads and validates a model file's text. `path` names it in messages and its folder is
 * where relative `.npy` paths start (NULL: "<model>" in the current folder). */
genn_model *genn_model_parse(const char *text, const char *path, char **error);
void genn_model_free(genn_model *model);

/* Generates and compiles `model` for `backend` (as genn_simulation_create names them)
 * into the build cache, or finds it there, without loading it: 0, or 1 with the error.
 * `*cache_hit` (when not NULL) is set to 1 when it was found in the cache, else 0. A
 * later genn_simulation_create of the same model then loads without compiling. */
int32_t genn_model_build(const genn_model *model, const char *backend, int32_t threads,
                         int32_t *cache_hit, char **error);

/* Generates, compiles (or takes from the build cache) and loads `model` on `backend`:
 * "cpu" (threads: 0 for every core), "single_threaded_cpu" or "cuda". */
genn_simulation *genn_simulation_create(
    const genn_model *model, const char *backend, int32_t threads, char **error);
void genn_simulation_free(genn_simulation *simulation);

/* How `simulation` was built, as JSON, a string to free with genn_string_free (NULL
 * for a NULL simulation): {"directory": the build cache's folder with the generated
 * code, "cache_hit": whether the library came from the cache without compiling,
 * "generation_seconds", "toolchain_seconds", "compile_seconds", "load_seconds",
 * "compiler": its version line, "source": the generated code's path, "threads"}. */
char *genn_simulation_build_info(const genn_simulation *simulation);

/* Runs `steps` time steps; 0 on success. */
int32_t genn_simulation_step(genn_simulation *simulation, uint64_t steps, char **error);
/* Runs the custom updates of update group `group` once; 0 on success. */
int32_t genn_simulation_custom_update(
    genn_simulation *simulation, const char *group, char **error);
/* The steps run since the start, and the time at the start of the next step in ms. */
uint64_t genn_simulation_timestep(const genn_simulation *simulation);
double genn_simulation_time(const genn_simulation *simulation);

/* Sets the step counter to `timestep`, and with it the time (timestep * dt), as PyGeNN's
 * `timestep` setter: the next step runs as step `timestep`. Spikes recorded so far keep
 * their times. 0 on success. */
int32_t genn_simulation_set_timestep(
    genn_simulation *simulation, uint64_t timestep, char **error);

/* Keeps and gives (genn_simulation_spikes, genn_simulation_spike_events) only the spikes
 * and spike-like events of the latest `steps` steps run, as GeNN's recording buffers of
 * `num_recording_timesteps` steps hold them, whether or not the step counter was set back
 * in between; 0 keeps every step since the start (the default). 0 on success. */
int32_t genn_simulation_keep_recording(
    genn_simulation *simulation, uint64_t steps, char **error);

/* Sets dynamic parameter `parameter` of `element` (a neuron population, current source,
 * synapse population, whose weight update and postsynaptic models' parameters share its
 * names, or custom update) to `value`, converted to the parameter's type, from the next
 * step or custom update on (PyGeNN's set_dynamic_param_value). The model must mark it
 * dynamic (`dynamic_params`); derived parameters keep the values worked out from the
 * model's value, as in GeNN. 0 on success. */
int32_t genn_simulation_set_dynamic_param(
    genn_simulation *simulation, const char *element, const char *parameter, double value,
    char **error);

/* The timing counters in seconds since loading, as JSON, a string to free with
 * genn_string_free (NULL for a NULL simulation): {"neuron_update_time",
 * "presynaptic_update_time", "postsynaptic_update_time", "synapse_dynamics_time",
 * "init_time", "init_sparse_time", "custom_update_time": {group: seconds},
 * "custom_update_transpose_time", "custom_update_remap_time", "custom_update_host_time":
 * {group: seconds}}, PyGeNN's names. Measured only for
 * models with `timing: true`; all 0 otherwise. */
char *genn_simulation_timing(const genn_simulation *simulation);

/* The whole array of `variable` of `element` (a neuron population, current source,
 * synapse population, custom update or custom connectivity update: its per-synapse,
 * presynaptic and postsynaptic variables), as the generated code keeps it: every delay
 * slot of a queued variable, padded rows of a SPARSE population (genn_layout says how).
 * A neuron population's spike times are its arrays "sT" and "prevST" (GeNN's names),
 * where its code reads `st` or `prev_st`, per delay slot where it has them; they are
 * pulled, pushed and laid out as variables are. 0 on success. On "cuda" the host's copy
 * (see genn_array). */
int32_t genn_simulation_variable(
    genn_simulation *simulation, const char *element, const char *variable,
    genn_array *array, char **error);

/* How the elements of the array of `variable` of `element` are laid out after the steps
 * run so far, into `*layout`. 0 on success. */
int32_t genn_simulation_variable_layout(
    genn_simulation *simulation, const char *element, const char *variable,
    genn_layout *layout, char **error);

/* The array of extra global parameter `parameter` of `element` (a neuron population,
 * current source, synapse population's weight update model, postsynaptic model or
 * connectivity snippet, custom update or custom connectivity update; or, named
 * `<parameter><variable>` as GeNN's runtime names it, of the snippet initialising one of
 * the element's variables), the memory the generated code reads (on "cuda" the host's
 * copy, see genn_array): as many elements as the model file gave it values, which fixes
 * its size. 0 on success. */
int32_t genn_simulation_extra_global_param(
    genn_simulation *simulation, const char *element, const char *parameter,
    genn_array *array, char **error);

/* Copies variable or extra global parameter `name` of `element` from the GPU into its
 * host copy (genn_simulation_pull) or from the host copy to the GPU, for the next step
 * to see (genn_simulation_push). On the CPU backends there is nothing to copy; both only
 * check the name. 0 on success. */
int32_t genn_simulation_pull(
    genn_simulation *simulation, const char *element, const char *name, char **error);
int32_t genn_simulation_push(
    genn_simulation *simulation, const char *element, const char *name, char **error);

/* The connectivity of SPARSE population `synapses` as it is stored, as GeNN's rowLength
 * and ind: `*row_length` the number of synapses of each presynaptic neuron (uint32, one
 * per neuron), `*ind` their postsynaptic indices in padded rows, in the narrowest type
 * that holds every target (`ind->type`: uint8 below 256 target neurons, uint16 below
 * 65,536, else uint32, as GeNN's narrow_sparse_ind_enabled): row i's
 * synapses at ind[i * row_stride] to ind[i * row_stride + row_length[i] - 1], the rest of
 * the row padding, `*row_stride` the longest row the connectivity can have. A per-synapse
 * variable has the same padded rows, so a synapse's value sits where its index does:
 * PyGeNN's order of synapses is row by row, each row in this stored order. As in GeNN,
 * each row is sorted by postsynaptic index (synapses listed twice keep the model file's
 * order), so this order differs from genn_simulation_connectivity's, which follows the
 * model file's list. Read these arrays, never write them. On "cuda" the host's copies,
 * copied from the GPU by this call. 0 on success. */
int32_t genn_simulation_sparse_rows(
    genn_simulation *simulation, const char *synapses, genn_array *row_length,
    genn_array *ind, uint64_t *row_stride, char **error);

/* The spikes `population` emitted since the start in batch `batch` (0 unless the model
 * has a `batch_size` above 1), if its spikes are recorded (its `record_spikes`): their
 * number in `*count`, and the first `capacity` of them, sorted by time then neuron, copied
 * to `times` (ms) and `ids` where those are not NULL. 0 on success. */
int32_t genn_simulation_spikes(
    genn_simulation *simulation, const char *population, uint32_t batch, double *times,
    int32_t *ids, uint64_t capacity, uint64_t *count, char **error);

/* The spike-like events the weight update model of `synapses` detected among the neurons
 * of `side` (genn_synapse_side) since the start, if those neurons' population records
 * spike-like events (its `record_spike_events`), in batch `batch`, as
 * genn_simulation_spikes gives spikes (PyGeNN's pre_ and post_spike_event_recording_data
 * of a synapse group). 0 on success. */
int32_t genn_simulation_spike_events(
    genn_simulation *simulation, const char *synapses, int32_t side, uint32_t batch,
    double *times, int32_t *ids, uint64_t capacity, uint64_t *count, char **error);

/* The synapses of a SPARSE, DENSE or BITMASK population `synapses`, in the order a model
 * file lists them (else row by row): their number in `*count`, and the first `capacity`
 * of them copied to `pre` and `post` (each one's presynaptic and postsynaptic neuron)
 * where those are not NULL. 0 on success. */
int32_t genn_simulation_connectivity(
    genn_simulation *simulation, const char *synapses, uint32_t *pre, uint32_t *post,
    uint64_t capacity, uint64_t *count, char **error);

#ifdef __cplusplus
}
#endif

#endif
