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
#define GENN_ABI_VERSION 1u

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

/* One array of a simulation's state: `count` elements of `type` at `data`, valid until
 * the simulation is freed. Writes through `data` are seen by the next step. */
typedef struct genn_array {
    void *data;
    int32_t type;
    uint64_t count;
} genn_array;

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

/* The whole array of `variable` of `element` (a neuron population, current source,
 * synapse population or custom update), as the generated code keeps it: every delay
 * slot of a queued variable, padded rows of a SPARSE population. 0 on success. Only the
 * CPU backends share their memory; on "cuda" this fails with a message. */
int32_t genn_simulation_variable(
    genn_simulation *simulation, const char *element, const char *variable,
    genn_array *array, char **error);

/* The spikes `population` emitted since the start, if its spikes are recorded (its
 * `record_spikes`): their number in `*count`, and the first `capacity` of them, sorted by
 * time then neuron, copied to `times` (ms) and `ids` where those are not NULL. 0 on
 * success. */
int32_t genn_simulation_spikes(
    genn_simulation *simulation, const char *population, double *times, int32_t *ids,
    uint64_t capacity, uint64_t *count, char **error);

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
