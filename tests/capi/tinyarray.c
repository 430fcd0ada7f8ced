/*
 * tinyarray: an independent, minimal array type that installs the "oxarray:array@1" slot
 * itself, with oxarray.h alone (no oxarray at build or run time).
 *
 * tinyarray.array(iterable_of_floats) is a 1-d float64 vector (optionally read-only).  Its
 * type carries the slot table both ways:
 *   - type-carried: the type's metaclass (made by OxSlot_NewMetaclass) reserves an
 *     OxTypeExt after the PyHeapTypeObject; on CPython 3.11 a C type gets a metaclass through
 *     static storage and Py_SET_TYPE before PyType_Ready (as NumPy does for its DTypeMeta);
 *   - portable: the "oxarray.slots" capsule in the type's __dict__, for limited-API
 *     consumers.
 * Python subclasses get the metaclass too, and its tp_init copies the extension.
 */
#include "oxarray.h"

typedef struct {
    PyObject_HEAD
    double *data;
    int64_t shape[1];
    int64_t strides[1];
    int readonly;
} TinyArray;

/* Storage of a type object whose metaclass carries an OxTypeExt. */
static struct {
    PyHeapTypeObject ht;
    OxTypeExt ext;
} tiny_type_storage;
#define TINY_TYPE (&tiny_type_storage.ht.ht_type)

static PyObject *tiny_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"values", "readonly", NULL};
    PyObject *values, *seq;
    int readonly = 0;
    Py_ssize_t n, i;
    TinyArray *self;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|p:array", kwlist, &values, &readonly)) {
        return NULL;
    }
    seq = PySequence_Fast(values, "tinyarray.array needs an iterable of floats");
    if (seq == NULL) {
        return NULL;
    }
    n = PySequence_Fast_GET_SIZE(seq);
    self = (TinyArray *)type->tp_alloc(type, 0);
    if (self == NULL) {
        Py_DECREF(seq);
        return NULL;
    }
    self->data = (double *)PyMem_Calloc((size_t)(n > 0 ? n : 1), sizeof(double));
    if (self->data == NULL) {
        Py_DECREF(seq);
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    for (i = 0; i < n; i++) {
        self->data[i] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, i));
    }
    Py_DECREF(seq);
    if (PyErr_Occurred()) {
        Py_DECREF(self);
        return NULL;
    }
    self->shape[0] = n;
    self->strides[0] = (int64_t)sizeof(double);
    self->readonly = readonly;
    return (PyObject *)self;
}

static void tiny_dealloc(PyObject *obj)
{
    TinyArray *self = (TinyArray *)obj;
    PyTypeObject *tp = Py_TYPE(obj);
    PyMem_Free(self->data);
    tp->tp_free(obj);
    if (tp->tp_flags & Py_TPFLAGS_HEAPTYPE) {
        Py_DECREF(tp); /* instances of heap subclasses hold a reference to their type */
    }
}

static PyObject *tiny_tolist(PyObject *obj, PyObject *unused)
{
    TinyArray *self = (TinyArray *)obj;
    PyObject *list = PyList_New((Py_ssize_t)self->shape[0]);
    Py_ssize_t i;
    (void)unused;
    if (list == NULL) {
        return NULL;
    }
    for (i = 0; i < (Py_ssize_t)self->shape[0]; i++) {
        PyObject *x = PyFloat_FromDouble(self->data[i]);
        if (x == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, i, x);
    }
    return list;
}

static Py_ssize_t tiny_len(PyObject *obj)
{
    return (Py_ssize_t)((TinyArray *)obj)->shape[0];
}

static PyMethodDef tiny_methods[] = {
    {"tolist", tiny_tolist, METH_NOARGS, "The values as a list."},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods tiny_as_sequence;

/* ---- the slot ---------------------------------------------------------------------- */

static int tiny_fill_view(PyObject *obj, OxArrayView *view, int flags)
{
    TinyArray *self = (TinyArray *)obj;
    if (!PyObject_TypeCheck(obj, TINY_TYPE)) {
        PyErr_SetString(PyExc_TypeError, "tinyarray: not a tinyarray.array");
        return -1;
    }
    if ((flags & OX_VIEW_WRITABLE) && self->readonly) {
        PyErr_SetString(PyExc_BufferError, "tinyarray: the array is read-only");
        return -1;
    }
    view->struct_size = (uint32_t)sizeof(OxArrayView);
    view->ndim = 1;
    view->data = self->data;
    view->shape = self->shape;
    view->strides = self->strides;
    view->kind = 'f';
    view->byteorder = '=';
    view->readonly = (uint8_t)(self->readonly ? 1 : 0);
    view->itemsize = 8;
    view->device_type = OX_DEVICE_CPU;
    view->device_id = 0;
    view->dtype = NULL;
    return 0;
}

typedef struct {
    OxDLManagedTensorVersioned tensor;
    int64_t stride;
    PyObject *owner;
} TinyExport;

static void tiny_export_deleter(OxDLManagedTensorVersioned *t)
{
    TinyExport *e = (TinyExport *)t->manager_ctx;
    PyGILState_STATE st = PyGILState_Ensure();
    Py_DECREF(e->owner);
    PyGILState_Release(st);
    PyMem_RawFree(e);
}

static OxDLManagedTensorVersioned *tiny_export(PyObject *obj, int flags)
{
    TinyArray *self = (TinyArray *)obj;
    TinyExport *e;
    if ((flags & OX_VIEW_WRITABLE) && self->readonly) {
        PyErr_SetString(PyExc_BufferError, "tinyarray: the array is read-only");
        return NULL;
    }
    e = (TinyExport *)PyMem_RawCalloc(1, sizeof(TinyExport));
    if (e == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    e->tensor.version.major = 1;
    e->tensor.manager_ctx = e;
    e->tensor.deleter = tiny_export_deleter;
    e->tensor.flags = self->readonly ? OX_DLPACK_FLAG_READ_ONLY : 0;
    e->tensor.dl_tensor.data = self->data;
    e->tensor.dl_tensor.device.device_type = OX_DEVICE_CPU;
    e->tensor.dl_tensor.ndim = 1;
    e->tensor.dl_tensor.dtype.code = 2;
    e->tensor.dl_tensor.dtype.bits = 64;
    e->tensor.dl_tensor.dtype.lanes = 1;
    e->tensor.dl_tensor.shape = self->shape;
    e->stride = 1;
    e->tensor.dl_tensor.strides = &e->stride;
    Py_INCREF(obj);
    e->owner = obj;
    return &e->tensor;
}

/* A tinyarray copy of any 1-d float64 view (tinyarray owns its memory, so the keep-alive is
   not needed). */
static PyObject *tiny_from_view(const OxArrayView *view, PyObject *keepalive)
{
    TinyArray *self;
    int64_t i;
    (void)keepalive;
    if (view->ndim != 1 || view->kind != 'f' || view->itemsize != 8) {
        PyErr_SetString(PyExc_TypeError, "tinyarray: only 1-d float64 views");
        return NULL;
    }
    self = (TinyArray *)TINY_TYPE->tp_alloc(TINY_TYPE, 0);
    if (self == NULL) {
        return NULL;
    }
    self->data = (double *)PyMem_Calloc((size_t)(view->shape[0] > 0 ? view->shape[0] : 1), sizeof(double));
    if (self->data == NULL) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    for (i = 0; i < view->shape[0]; i++) {
        memcpy(&self->data[i], (const char *)view->data + i * view->strides[0], sizeof(double));
    }
    self->shape[0] = view->shape[0];
    self->strides[0] = (int64_t)sizeof(double);
    return (PyObject *)self;
}

static const OxArrayVTable tiny_vtable = {
    OX_ABI_MAJOR, OX_ABI_MINOR, (uint32_t)sizeof(OxArrayVTable), tiny_fill_view, tiny_export,
    tiny_from_view,
};

/* A second key of tinyarray's own, to show the table holds more than oxarray's keys:
   "tinyarray:info@1" -> a static string. */
static const char tiny_info[] = "tinyarray 1.0";

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, "tinyarray", "A tiny array type that installs oxarray:array@1.", -1,
    NULL, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit_tinyarray(void)
{
    PyTypeObject *tp = TINY_TYPE;
    PyTypeObject *meta;
    PyObject *m;
    OxSlotTable *table;
    OxSlotEntry entries[2];
    if (PyType_HasFeature(tp, Py_TPFLAGS_READY)) {
        PyErr_SetString(PyExc_ImportError, "tinyarray cannot be initialised twice");
        return NULL;
    }
    meta = OxSlot_NewMetaclass("tinyarray._SlotType");
    if (meta == NULL) {
        return NULL;
    }
    /* The type object: static storage, metaclass set before PyType_Ready. */
    Py_SET_REFCNT((PyObject *)tp, 1);
    Py_SET_TYPE(tp, meta); /* keeps the reference to `meta` */
    tp->tp_name = "tinyarray.array";
    tp->tp_doc = "A 1-d float64 vector that speaks oxarray:array@1.";
    tp->tp_basicsize = sizeof(TinyArray);
    tp->tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE;
    tp->tp_new = tiny_new;
    tp->tp_dealloc = tiny_dealloc;
    tp->tp_methods = tiny_methods;
    tiny_as_sequence.sq_length = tiny_len;
    tp->tp_as_sequence = &tiny_as_sequence;
    if (PyType_Ready(tp) < 0) {
        return NULL;
    }
    entries[0].key = OX_KEY_ARRAY_V1;
    entries[0].value = &tiny_vtable;
    entries[1].key = UINT64_C(0x1F07E6128346B256); /* "tinyarray:info@1", checked by the tests */
    entries[1].value = tiny_info;
    table = OxSlotTable_Build(entries, 2); /* lives as long as the process */
    if (table == NULL) {
        return NULL;
    }
    if (OxSlot_SetTypeExt(tp, table) < 0 || OxSlot_InstallCapsule(tp, table) < 0) {
        return NULL;
    }
    m = PyModule_Create(&moduledef);
    if (m == NULL) {
        return NULL;
    }
    Py_INCREF(tp);
    if (PyModule_AddObject(m, "array", (PyObject *)tp) < 0) {
        Py_DECREF(tp);
        Py_DECREF(m);
        return NULL;
    }
    if (PyModule_AddObject(m, "INFO_KEY", PyLong_FromUnsignedLongLong(entries[1].key)) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
