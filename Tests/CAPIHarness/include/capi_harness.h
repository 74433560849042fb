/* A C program's use of SwiftGeNN's C interface (genn.h), for GeNNCAPITests: the
 * interface is exercised from C, as the Python package and other languages call it. */
#ifndef CAPI_HARNESS_H
#define CAPI_HARNESS_H

#include <genn.h>
#include <stdint.h>

/* What one run through the interface saw. */
typedef struct capi_observation {
    /* 0, or the call that failed: 1 genn_model_parse, 2 genn_simulation_create,
     * 3 genn_simulation_variable (genn_simulation_extra_global_param for
     * capi_run_parameter), 4 genn_simulation_step, 5 genn_simulation_variable after the
     * steps. */
    int32_t failed_call;
    /* That call's message (free with genn_string_free), else NULL. */
    char *error;
    /* The viewed array's element type (genn_element_type) and element count. */
    int32_t type;
    uint64_t count;
    /* After the steps: genn_simulation_time and genn_simulation_timestep. */
    double time;
    uint64_t timestep;
    /* The variable's first elements after the steps, as double (float or double arrays). */
    double values[4];
} capi_observation;

/* Parses `text`, builds and loads it on `backend`, views `variable` of `element`, writes
 * `first` into its element 0 through the view, runs `steps` steps and reads the view. */
capi_observation capi_run(
    const char *text, const char *path, const char *backend, const char *element,
    const char *variable, double first, uint64_t steps);

/* As capi_run on "cpu", but views and writes extra global parameter `parameter` of
 * `element`, and reads `variable` of `element` after the steps. */
capi_observation capi_run_parameter(
    const char *text, const char *element, const char *parameter, const char *variable,
    double first, uint64_t steps);

/* Parses `text`, builds and loads it on "cpu"; NULL with the message in `*error`. */
genn_simulation *capi_load(const char *text, char **error);

/* Parses `text`, builds and loads it on "cpu", runs the custom updates of `group` and
 * returns element 0 of `variable` of `element` (NaN on a failure, its message in
 * `*error`). */
double capi_custom_update(
    const char *text, const char *group, const char *element, const char *variable,
    char **error);

/* Parses `text`, builds and loads it on "cpu", runs `steps` steps and copies the spikes
 * of `population` into `times` and `ids` (room for `capacity`); returns their number,
 * or -1 with the message in `*error`. */
int64_t capi_spikes(
    const char *text, const char *population, uint64_t steps, double *times, int32_t *ids,
    uint64_t capacity, char **error);

/* Parses `text`, builds and loads it on "cpu" and copies the synapses of `synapses` into
 * `pre` and `post` (room for `capacity`); returns their number, or -1 with the message in
 * `*error`. */
int64_t capi_connectivity(
    const char *text, const char *synapses, uint32_t *pre, uint32_t *post, uint64_t capacity,
    char **error);

/* Parses `text`, builds and loads it on "cpu", runs `steps` steps and copies the
 * spike-like events of side `side` of `synapses` into `times` and `ids` (room for
 * `capacity`); returns their number, or -1 with the message in `*error`. */
int64_t capi_spike_events(
    const char *text, const char *synapses, int32_t side, uint64_t steps, double *times,
    int32_t *ids, uint64_t capacity, char **error);

/* Parses `text`, builds and loads it on "cpu", runs `steps` steps, stores the layout of
 * `variable` of `element` in `*layout` and copies the values of its latest slot into
 * `values` (room for `capacity`) as double; returns the number copied, or -1 with the
 * message in `*error`. */
int64_t capi_latest(
    const char *text, const char *element, const char *variable, uint64_t steps,
    genn_layout *layout, double *values, uint64_t capacity, char **error);

/* Parses `text`, builds and loads it on "cpu" and reads the stored rows of SPARSE
 * population `synapses` and its variable `variable` in PyGeNN's order (row by row, each
 * row as stored): copies each synapse's presynaptic and postsynaptic index and value (as
 * double) into `pre`, `post` and `values` (room for `capacity`), and stores the
 * variable's layout in `*layout` and the rows' stride in `*row_stride`; returns the
 * number of synapses, or -1 with the message in `*error`. */
int64_t capi_sparse_synapses(
    const char *text, const char *synapses, const char *variable, uint32_t *pre,
    uint32_t *post, double *values, uint64_t capacity, genn_layout *layout,
    uint64_t *row_stride, char **error);

/* Parses and builds `text` for "cpu" twice (genn_model_build), storing whether each
 * build was found in the build cache, then loads the second and stores its
 * genn_simulation_build_info in `*info` (free with genn_string_free); 0, or 1 with the
 * message in `*error`. */
int32_t capi_build_twice(
    const char *text, int32_t *first_hit, int32_t *second_hit, char **info, char **error);

#endif
