/* A C program's use of SwiftGeNN's C interface (genn.h), for GeNNCAPITests: the
 * interface is exercised from C, as the Python package and other languages call it. */
#ifndef CAPI_HARNESS_H
#define CAPI_HARNESS_H

#include <stdint.h>

/* What one run through the interface saw. */
typedef struct capi_observation {
    /* 0, or the call that failed: 1 genn_model_parse, 2 genn_simulation_create,
     * 3 genn_simulation_variable, 4 genn_simulation_step. */
    int32_t failed_call;
    /* That call's message (free with genn_string_free), else NULL. */
    char *error;
    /* The variable's element type (genn_element_type) and element count. */
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

#endif
