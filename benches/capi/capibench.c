/*
 * capibench: cost of finding an array interface from C, per object, built against
 * oxarray.h alone (benches/capi/run.py builds and runs it; `make bench-capi`).
 *
 * Each case runs a tight loop of `n` lookups and reports the best of `repeat` runs in
 * nanoseconds per lookup.  The object pointer passes through an empty asm statement every
 * iteration so the compiler cannot hoist the lookup out of the loop, and every result is
 * consumed the same way.
 */
#include "oxarray.h"

#include <time.h>

#define OPAQUE(x) __asm__ volatile("" : "+r"(x))
#define SINK(x) __asm__ volatile("" : : "r"(x))

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts); /* CPU time of this thread: not inflated when the scheduler runs others */
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

typedef int (*case_fn)(PyObject **objs, Py_ssize_t nobj, long n, uint64_t key);

/* Best ns per lookup over `repeat` runs; -1.0 with an exception set on error. */
static double timeit(case_fn f, PyObject **objs, Py_ssize_t nobj, long n, int repeat, uint64_t key)
{
    double best = -1.0;
    int r;
    for (r = 0; r < repeat; r++) {
        double t0 = now_ns(), dt;
        if (f(objs, nobj, n, key) < 0) {
            return -1.0;
        }
        dt = (now_ns() - t0) / (double)n;
        if (best < 0 || dt < best) {
            best = dt;
        }
    }
    return best;
}

/* Baseline: the loop itself (load the object, consume it), to subtract. */
static int case_baseline(PyObject **objs, Py_ssize_t nobj, long n, uint64_t key)
{
    long i;
    Py_ssize_t j = 0;
    (void)key;
    for (i = 0; i < n; i++, j = (j + 1 == nobj) ? 0 : j + 1) {
        PyObject *o = objs[j];
        PyTypeObject *tp;
        OPAQUE(o);
        tp = Py_TYPE(o);
        SINK(tp);
    }
    return 0;
}

/* Our slot: whatever path the type uses (type-carried, or portable through the cache). */
static int case_slot(PyObject **objs, Py_ssize_t nobj, long n, uint64_t key)
{
    long i;
    Py_ssize_t j = 0;
    for (i = 0; i < n; i++, j = (j + 1 == nobj) ? 0 : j + 1) {
        PyObject *o = objs[j];
        const void *v;
        OPAQUE(o);
        v = OxSlot_Lookup(o, key);
        SINK(v);
    }
    return 0;
}

/* Portable path without the per-type cache: MRO dict walk + capsule every time. */
static int case_portable_uncached(PyObject **objs, Py_ssize_t nobj, long n, uint64_t key)
{
    long i;
    Py_ssize_t j = 0;
    for (i = 0; i < n; i++, j = (j + 1 == nobj) ? 0 : j + 1) {
        PyObject *o = objs[j];
        const OxSlotTable *t;
        const void *v;
        OPAQUE(o);
        t = OxSlot_PortableUncached(Py_TYPE(o));
        v = OxSlotTable_Get(t != NULL ? t : &ox__empty_table, key);
        SINK(v);
    }
    return 0;
}

static PyObject *attr_name;

/* NumPy's _ARRAY_API style: attribute lookup of a capsule, then the table. */
static int case_getattr_capsule(PyObject **objs, Py_ssize_t nobj, long n, uint64_t key)
{
    long i;
    Py_ssize_t j = 0;
    for (i = 0; i < n; i++, j = (j + 1 == nobj) ? 0 : j + 1) {
        PyObject *o = objs[j], *cap;
        const void *v = NULL;
        OPAQUE(o);
        cap = PyObject_GetAttr(o, attr_name);
        if (cap == NULL) {
            PyErr_Clear();
        } else {
            const OxSlotTable *t = (const OxSlotTable *)PyCapsule_GetPointer(cap, OX_CAPSULE_NAME);
            if (t == NULL) {
                PyErr_Clear();
            } else {
                v = OxSlotTable_Get(t, key);
            }
            Py_DECREF(cap);
        }
        SINK(v);
    }
    return 0;
}

/* CPython's method-cache lookup on the type, then the capsule and the table. */
static int case_pytype_lookup(PyObject **objs, Py_ssize_t nobj, long n, uint64_t key)
{
    long i;
    Py_ssize_t j = 0;
    for (i = 0; i < n; i++, j = (j + 1 == nobj) ? 0 : j + 1) {
        PyObject *o = objs[j], *cap;
        const void *v = NULL;
        OPAQUE(o);
        cap = _PyType_Lookup(Py_TYPE(o), attr_name); /* borrowed */
        if (cap != NULL) {
            const OxSlotTable *t = (const OxSlotTable *)PyCapsule_GetPointer(cap, OX_CAPSULE_NAME);
            if (t == NULL) {
                PyErr_Clear();
            } else {
                v = OxSlotTable_Get(t, key);
            }
        }
        SINK(v);
    }
    return 0;
}

static int case_getbuffer(PyObject **objs, Py_ssize_t nobj, long n, uint64_t key)
{
    long i;
    Py_ssize_t j = 0;
    Py_buffer buf;
    (void)key;
    for (i = 0; i < n; i++, j = (j + 1 == nobj) ? 0 : j + 1) {
        PyObject *o = objs[j];
        OPAQUE(o);
        if (PyObject_GetBuffer(o, &buf, PyBUF_RECORDS_RO) < 0) {
            return -1;
        }
        SINK(buf.buf);
        PyBuffer_Release(&buf);
    }
    return 0;
}

static PyObject *dlpack_name;

static int case_dlpack(PyObject **objs, Py_ssize_t nobj, long n, uint64_t key)
{
    long i;
    Py_ssize_t j = 0;
    (void)key;
    for (i = 0; i < n; i++, j = (j + 1 == nobj) ? 0 : j + 1) {
        PyObject *o = objs[j], *cap;
        OxDLManagedTensorVersioned *m;
        OPAQUE(o);
        cap = PyObject_CallMethodNoArgs(o, dlpack_name);
        if (cap == NULL) {
            return -1;
        }
        m = (OxDLManagedTensorVersioned *)PyCapsule_GetPointer(cap, "dltensor");
        if (m == NULL) {
            PyErr_Clear();
            m = (OxDLManagedTensorVersioned *)PyCapsule_GetPointer(cap, "dltensor_versioned");
        }
        SINK(m);
        Py_DECREF(cap); /* unconsumed capsule: its destructor frees the tensor */
    }
    return 0;
}

/* End to end: OxArray_GetView + OxArray_ReleaseView (slot, DLPack or buffer). */
static int case_getview(PyObject **objs, Py_ssize_t nobj, long n, uint64_t key)
{
    long i;
    Py_ssize_t j = 0;
    OxArrayView view;
    (void)key;
    for (i = 0; i < n; i++, j = (j + 1 == nobj) ? 0 : j + 1) {
        PyObject *o = objs[j];
        OPAQUE(o);
        if (OxArray_GetView(o, &view, 0) < 0) {
            return -1;
        }
        SINK(view.data);
        OxArray_ReleaseView(&view);
    }
    return 0;
}

static const struct {
    const char *name;
    case_fn fn;
} CASES[] = {
    {"baseline", case_baseline},
    {"slot", case_slot},
    {"portable_uncached", case_portable_uncached},
    {"getattr_capsule", case_getattr_capsule},
    {"pytype_lookup_capsule", case_pytype_lookup},
    {"getbuffer", case_getbuffer},
    {"dlpack", case_dlpack},
    {"getview", case_getview},
};

/* lookup(case, objs, n, repeat, key) -> best ns per lookup. */
static PyObject *lookup(PyObject *self, PyObject *args)
{
    const char *name;
    PyObject *list;
    long n;
    int repeat;
    unsigned long long key;
    size_t c;
    double ns;
    (void)self;
    if (!PyArg_ParseTuple(args, "sO!liK:lookup", &name, &PyList_Type, &list, &n, &repeat, &key)) {
        return NULL;
    }
    if (PyList_GET_SIZE(list) == 0 || n <= 0 || repeat <= 0) {
        PyErr_SetString(PyExc_ValueError, "need objects, n > 0, repeat > 0");
        return NULL;
    }
    for (c = 0; c < sizeof(CASES) / sizeof(CASES[0]); c++) {
        if (strcmp(CASES[c].name, name) == 0) {
            ns = timeit(CASES[c].fn, ((PyListObject *)list)->ob_item, PyList_GET_SIZE(list), n, repeat,
                        (uint64_t)key);
            return ns < 0 ? NULL : PyFloat_FromDouble(ns);
        }
    }
    PyErr_Format(PyExc_ValueError, "unknown case %s", name);
    return NULL;
}

/* build(keys, repeat) -> best ns to build a C table of these keys (and free it); each
   sample times a batch of 64 builds, so the clock's own cost is spread out. */
static PyObject *build(PyObject *self, PyObject *args)
{
    PyObject *keys;
    int repeat, r;
    Py_ssize_t n, i;
    OxSlotEntry *items;
    double best = -1.0;
    (void)self;
    if (!PyArg_ParseTuple(args, "O!i:build", &PyList_Type, &keys, &repeat)) {
        return NULL;
    }
    n = PyList_GET_SIZE(keys);
    items = (OxSlotEntry *)PyMem_Calloc((size_t)(n > 0 ? n : 1), sizeof(OxSlotEntry));
    if (items == NULL) {
        return PyErr_NoMemory();
    }
    for (i = 0; i < n; i++) {
        items[i].key = PyLong_AsUnsignedLongLong(PyList_GET_ITEM(keys, i));
        items[i].value = &items[i];
    }
    if (PyErr_Occurred()) {
        PyMem_Free(items);
        return NULL;
    }
    for (r = 0; r < repeat; r++) {
        double t0 = now_ns(), dt;
        int b;
        for (b = 0; b < 64; b++) {
            OxSlotTable *t = OxSlotTable_Build(items, (size_t)n);
            if (t == NULL) {
                PyMem_Free(items);
                return NULL;
            }
            PyMem_Free(t);
        }
        dt = (now_ns() - t0) / 64.0;
        if (best < 0 || dt < best) {
            best = dt;
        }
    }
    PyMem_Free(items);
    return PyFloat_FromDouble(best);
}

static PyMethodDef methods[] = {
    {"lookup", lookup, METH_VARARGS, "lookup(case, objs, n, repeat, key) -> ns per lookup."},
    {"build", build, METH_VARARGS, "build(keys, repeat) -> ns per table build."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, "capibench", "oxarray.h lookup benchmarks.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit_capibench(void)
{
    attr_name = PyUnicode_InternFromString(OX_CAPSULE_ATTR);
    dlpack_name = PyUnicode_InternFromString("__dlpack__");
    if (attr_name == NULL || dlpack_name == NULL) {
        return NULL;
    }
    return PyModule_Create(&moduledef);
}
