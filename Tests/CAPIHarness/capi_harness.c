#include "capi_harness.h"

#include <genn.h>
#include <math.h>

/* Element `index` of `array` as double, for float and double arrays (0 otherwise). */
static double element(const genn_array *array, uint64_t index) {
    switch (array->type) {
    case GENN_FLOAT: return ((const float *)array->data)[index];
    case GENN_DOUBLE: return ((const double *)array->data)[index];
    default: return 0.0;
    }
}

/* Element `index` of an index array (`ind`: uint8, uint16 or uint32). */
static uint32_t index_element(const genn_array *array, uint64_t index) {
    switch (array->type) {
    case GENN_UINT8: return ((const uint8_t *)array->data)[index];
    case GENN_UINT16: return ((const uint16_t *)array->data)[index];
    case GENN_UINT32: return ((const uint32_t *)array->data)[index];
    default: return UINT32_MAX;
    }
}

/* Sets element 0 of a float or double `array` to `value`. */
static void set_first(genn_array *array, double value) {
    switch (array->type) {
    case GENN_FLOAT: ((float *)array->data)[0] = (float)value; break;
    case GENN_DOUBLE: ((double *)array->data)[0] = value; break;
    default: break;
    }
}

/* `text` parsed, built and loaded on `backend`; NULL with the message in `*error`, and
 * in `*failed_call` 1 if parsing failed, 2 if building or loading did. */
static genn_simulation *load(
    const char *text, const char *path, const char *backend, int32_t threads,
    int32_t *failed_call, char **error) {
    genn_model *model = genn_model_parse(text, path, error);
    if (model == NULL) {
        *failed_call = 1;
        return NULL;
    }
    genn_simulation *simulation = genn_simulation_create(model, backend, threads, error);
    genn_model_free(model);
    if (simulation == NULL) {
        *failed_call = 2;
    }
    return simulation;
}

/* Parses, builds and loads `text` on `backend`, views extra global parameter `viewed` of
 * `element_name` (a variable when `parameter` is 0), writes `first` into its element 0,
 * runs `steps` steps and reads `variable` of `element_name`. */
static capi_observation run_through(
    const char *text, const char *path, const char *backend, const char *element_name,
    int parameter, const char *viewed, const char *variable, double first, uint64_t steps) {
    capi_observation seen = {0};
    genn_simulation *simulation = load(text, path, backend, 0, &seen.failed_call, &seen.error);
    if (simulation == NULL) {
        return seen;
    }
    genn_array array;
    int32_t status = parameter
        ? genn_simulation_extra_global_param(simulation, element_name, viewed, &array, &seen.error)
        : genn_simulation_variable(simulation, element_name, viewed, &array, &seen.error);
    if (status != 0) {
        seen.failed_call = 3;
        genn_simulation_free(simulation);
        return seen;
    }
    seen.type = array.type;
    seen.count = array.count;
    set_first(&array, first);
    if (genn_simulation_step(simulation, steps, &seen.error) != 0) {
        seen.failed_call = 4;
        genn_simulation_free(simulation);
        return seen;
    }
    seen.time = genn_simulation_time(simulation);
    seen.timestep = genn_simulation_timestep(simulation);
    genn_array values;
    if (genn_simulation_variable(simulation, element_name, variable, &values, &seen.error) != 0) {
        seen.failed_call = 5;
        genn_simulation_free(simulation);
        return seen;
    }
    for (uint64_t i = 0; i < 4 && i < values.count; i++) {
        seen.values[i] = element(&values, i);
    }
    genn_simulation_free(simulation);
    return seen;
}

capi_observation capi_run(
    const char *text, const char *path, const char *backend, const char *element_name,
    const char *variable, double first, uint64_t steps) {
    return run_through(text, path, backend, element_name, 0, variable, variable, first, steps);
}

capi_observation capi_run_parameter(
    const char *text, const char *element_name, const char *parameter, const char *variable,
    double first, uint64_t steps) {
    return run_through(
        text, "/tmp/capi.yaml", "cpu", element_name, 1, parameter, variable, first, steps);
}

genn_simulation *capi_load(const char *text, char **error) {
    int32_t failed_call = 0;
    return load(text, "/tmp/capi.yaml", "cpu", 0, &failed_call, error);
}

double capi_custom_update(
    const char *text, const char *group, const char *element_name, const char *variable,
    char **error) {
    int32_t failed_call = 0;
    genn_simulation *simulation = load(text, "/tmp/capi.yaml", "cpu", 1, &failed_call, error);
    if (simulation == NULL) {
        return NAN;
    }
    double value = NAN;
    genn_array array;
    if (genn_simulation_custom_update(simulation, group, error) == 0
        && genn_simulation_variable(simulation, element_name, variable, &array, error) == 0) {
        value = element(&array, 0);
    }
    genn_simulation_free(simulation);
    return value;
}

int64_t capi_spikes(
    const char *text, const char *population, uint64_t steps, double *times, int32_t *ids,
    uint64_t capacity, char **error) {
    int32_t failed_call = 0;
    genn_simulation *simulation = load(text, "/tmp/capi.yaml", "cpu", 0, &failed_call, error);
    if (simulation == NULL) {
        return -1;
    }
    uint64_t count = 0;
    int64_t result = -1;
    if (genn_simulation_step(simulation, steps, error) == 0
        && genn_simulation_spikes(simulation, population, 0, times, ids, capacity, &count, error)
            == 0) {
        result = (int64_t)count;
    }
    genn_simulation_free(simulation);
    return result;
}

int64_t capi_connectivity(
    const char *text, const char *synapses, uint32_t *pre, uint32_t *post, uint64_t capacity,
    char **error) {
    int32_t failed_call = 0;
    genn_simulation *simulation = load(text, "/tmp/capi.yaml", "cpu", 0, &failed_call, error);
    if (simulation == NULL) {
        return -1;
    }
    uint64_t count = 0;
    int64_t result = -1;
    if (genn_simulation_connectivity(simulation, synapses, pre, post, capacity, &count, error)
        == 0) {
        result = (int64_t)count;
    }
    genn_simulation_free(simulation);
    return result;
}

int64_t capi_spike_events(
    const char *text, const char *synapses, int32_t side, uint64_t steps, double *times,
    int32_t *ids, uint64_t capacity, char **error) {
    genn_simulation *simulation = capi_load(text, error);
    if (simulation == NULL) {
        return -1;
    }
    uint64_t count = 0;
    int64_t result = -1;
    if (genn_simulation_step(simulation, steps, error) == 0
        && genn_simulation_spike_events(
               simulation, synapses, side, 0, times, ids, capacity, &count, error)
            == 0) {
        result = (int64_t)count;
    }
    genn_simulation_free(simulation);
    return result;
}

int64_t capi_latest(
    const char *text, const char *element_name, const char *variable, uint64_t steps,
    genn_layout *layout, double *values, uint64_t capacity, char **error) {
    genn_simulation *simulation = capi_load(text, error);
    if (simulation == NULL) {
        return -1;
    }
    int64_t result = -1;
    genn_array array;
    if (genn_simulation_step(simulation, steps, error) == 0
        && genn_simulation_variable(simulation, element_name, variable, &array, error) == 0
        && genn_simulation_variable_layout(simulation, element_name, variable, layout, error)
            == 0) {
        uint64_t first = layout->latest_slot * layout->slot_size;
        result = 0;
        for (uint64_t i = 0; i < layout->slot_size && i < capacity; i++, result++) {
            values[i] = element(&array, first + i);
        }
    }
    genn_simulation_free(simulation);
    return result;
}

int64_t capi_sparse_synapses(
    const char *text, const char *synapses, const char *variable, uint32_t *pre,
    uint32_t *post, double *values, uint64_t capacity, genn_layout *layout,
    uint64_t *row_stride, char **error) {
    genn_simulation *simulation = capi_load(text, error);
    if (simulation == NULL) {
        return -1;
    }
    int64_t result = -1;
    genn_array row_length, ind, array;
    if (genn_simulation_sparse_rows(simulation, synapses, &row_length, &ind, row_stride, error)
            == 0
        && genn_simulation_variable(simulation, synapses, variable, &array, error) == 0
        && genn_simulation_variable_layout(simulation, synapses, variable, layout, error) == 0) {
        /* PyGeNN's order: row by row, each row as stored. */
        const uint32_t *lengths = (const uint32_t *)row_length.data;
        uint64_t count = 0;
        for (uint64_t row = 0; row < row_length.count; row++) {
            for (uint32_t j = 0; j < lengths[row]; j++, count++) {
                uint64_t position = row * *row_stride + j;
                if (count < capacity) {
                    pre[count] = (uint32_t)row;
                    post[count] = index_element(&ind, position);
                    values[count] = element(&array, position);
                }
            }
        }
        result = (int64_t)count;
    }
    genn_simulation_free(simulation);
    return result;
}

int32_t capi_build_twice(
    const char *text, int32_t *first_hit, int32_t *second_hit, char **info, char **error) {
    *info = NULL;
    for (int32_t round = 0; round < 2; round++) {
        genn_model *model = genn_model_parse(text, "/tmp/capi.yaml", error);
        if (model == NULL) {
            return 1;
        }
        int32_t failed = genn_model_build(
            model, "cpu", 1, round == 0 ? first_hit : second_hit, error);
        if (failed == 0 && round == 1) {
            genn_simulation *simulation = genn_simulation_create(model, "cpu", 1, error);
            failed = simulation == NULL;
            *info = genn_simulation_build_info(simulation);
            genn_simulation_free(simulation);
        }
        genn_model_free(model);
        if (failed) {
            return 1;
        }
    }
    return 0;
}
