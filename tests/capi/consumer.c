/*
 * oxconsumer: a C extension that uses arrays through oxarray.h alone.
 *
 * Built by tests/capi/build_capi.py with the system C compiler and only the header's directory
 * and Python's on the include path: it never links to, includes from, or imports oxarray,
 * yet serves oxarray arrays (slot), tinyarray (slot it installs itself), NumPy arrays
 * (DLPack) and memoryviews/bytes (buffer protocol) with the same code.
 */
#include "oxarray.h"

/* Visit every element of an N-d strided view of float64, C order. */
typedef void (*ox_visit)(char *p, void *ctx);

static void walk(const OxArrayView *v, int axis, char *p, ox_visit f, void *ctx)
{
    int64_t i;
    if (axis == v->ndim) {
        f(p, ctx);
        return;
    }
    for (i = 0; i < v->shape[axis]; i++) {
        walk(v, axis + 1, p + i * v->strides[axis], f, ctx);
    }
}

static int require_f64(const OxArrayView *v)
{
    if (v->kind != 'f' || v->itemsize != 8 || (v->byteorder != '=' && v->byteorder != '|')) {
        PyErr_Format(PyExc_TypeError, "expected native float64 data, got kind '%c' itemsize %d",
                     v->kind, (int)v->itemsize);
        return -1;
    }
    return 0;
}

static void add_to(char *p, void *ctx)
{
    double x;
    memcpy(&x, p, sizeof x); /* views need not be aligned */
    *(double *)ctx += x;
}

static void scale(char *p, void *ctx)
{
    double x;
    memcpy(&x, p, sizeof x);
    x *= *(double *)ctx;
    memcpy(p, &x, sizeof x);
}

static PyObject *sum_f64(PyObject *self, PyObject *obj)
{
    OxArrayView v;
    double total = 0.0;
    (void)self;
    if (OxArray_GetView(obj, &v, 0) < 0) {
        return NULL;
    }
    if (require_f64(&v) < 0) {
        OxArray_ReleaseView(&v);
        return NULL;
    }
    walk(&v, 0, (char *)v.data, add_to, &total);
    OxArray_ReleaseView(&v);
    return PyFloat_FromDouble(total);
}

static PyObject *scale_inplace(PyObject *self, PyObject *args)
{
    PyObject *obj;
    double k;
    OxArrayView v;
    (void)self;
    if (!PyArg_ParseTuple(args, "Od:scale_inplace", &obj, &k)) {
        return NULL;
    }
    if (OxArray_GetView(obj, &v, OX_VIEW_WRITABLE) < 0) {
        return NULL;
    }
    if (require_f64(&v) < 0) {
        OxArray_ReleaseView(&v);
        return NULL;
    }
    walk(&v, 0, (char *)v.data, scale, &k);
    OxArray_ReleaseView(&v);
    Py_RETURN_NONE;
}

static PyObject *is_array(PyObject *self, PyObject *obj)
{
    (void)self;
    return PyBool_FromLong(OxArray_Check(obj));
}

/* Which path finds tp's table: "type" (type-carried), "portable" (capsule), or "none". */
static PyObject *path_of(PyTypeObject *tp)
{
    if (OxSlot_TypeCarried(tp) != NULL) {
        return PyUnicode_FromString("type");
    }
    if (OxSlot_PortableUncached(tp) != NULL) {
        return PyUnicode_FromString("portable");
    }
    return PyUnicode_FromString("none");
}

static PyObject *slot_path(PyObject *self, PyObject *obj)
{
    (void)self;
    return path_of(Py_TYPE(obj));
}

/* type_slot_path(tp): as slot_path, for instances of the type tp. */
static PyObject *type_slot_path(PyObject *self, PyObject *tp)
{
    (void)self;
    if (!PyType_Check(tp)) {
        PyErr_SetString(PyExc_TypeError, "expected a type");
        return NULL;
    }
    return path_of((PyTypeObject *)tp);
}

/* type_has_slot(tp, key): whether instances of tp have slot `key`. */
static PyObject *type_has_slot(PyObject *self, PyObject *args)
{
    PyObject *tp;
    unsigned long long key;
    (void)self;
    if (!PyArg_ParseTuple(args, "O!K:type_has_slot", &PyType_Type, &tp, &key)) {
        return NULL;
    }
    return PyBool_FromLong(OxSlotTable_Get(OxSlot_TypeTable((PyTypeObject *)tp), (uint64_t)key) != NULL);
}

/* Everything the view says, as a dict (for tests against NumPy's own description). */
static PyObject *view_info(PyObject *self, PyObject *args)
{
    PyObject *obj, *shape = NULL, *strides = NULL, *out = NULL;
    int flags = 0, i;
    OxArrayView v;
    const char *source;
    (void)self;
    if (!PyArg_ParseTuple(args, "O|i:view_info", &obj, &flags)) {
        return NULL;
    }
    if (OxArray_GetView(obj, &v, flags) < 0) {
        return NULL;
    }
    shape = PyTuple_New(v.ndim);
    strides = PyTuple_New(v.ndim);
    if (shape == NULL || strides == NULL) {
        goto done;
    }
    for (i = 0; i < v.ndim; i++) {
        PyTuple_SET_ITEM(shape, i, PyLong_FromLongLong(v.shape[i]));
        PyTuple_SET_ITEM(strides, i, PyLong_FromLongLong(v.strides[i]));
    }
    source = v.vtable != NULL ? "slot" : ((int)(uintptr_t)v.internal[3] == OX__SRC_BUFFER ? "buffer" : "dlpack");
    out = Py_BuildValue("{s:i,s:O,s:O,s:C,s:i,s:C,s:O,s:K,s:i,s:s,s:O}", "ndim", (int)v.ndim, "shape",
                        shape, "strides", strides, "kind", (int)v.kind, "itemsize", (int)v.itemsize,
                        "byteorder", (int)v.byteorder, "readonly", v.readonly ? Py_True : Py_False,
                        "data", (unsigned long long)(uintptr_t)v.data, "device_type",
                        (int)v.device_type, "source", source, "dtype",
                        v.dtype != NULL ? v.dtype : Py_None);
done:
    Py_XDECREF(shape);
    Py_XDECREF(strides);
    OxArray_ReleaseView(&v);
    return out;
}

/* Sum a float64 array through the provider's owning DLPack export (vtable), then delete. */
static PyObject *dlpack_export_sum(PyObject *self, PyObject *obj)
{
    const OxArrayVTable *vt = OxArray_VTable(obj);
    OxDLManagedTensorVersioned *m;
    OxArrayView v;
    double total = 0.0;
    int32_t i;
    int64_t strides[64];
    (void)self;
    if (vt == NULL) {
        PyErr_SetString(PyExc_TypeError, "no oxarray:array@1 slot");
        return NULL;
    }
    m = vt->export_dlpack(obj, 0);
    if (m == NULL) {
        return NULL;
    }
    if (m->dl_tensor.dtype.code != 2 || m->dl_tensor.dtype.bits != 64 || m->dl_tensor.ndim > 64) {
        m->deleter(m);
        PyErr_SetString(PyExc_TypeError, "expected float64 with ndim <= 64");
        return NULL;
    }
    memset(&v, 0, sizeof v);
    v.ndim = m->dl_tensor.ndim;
    v.shape = m->dl_tensor.shape;
    for (i = 0; i < v.ndim; i++) {
        strides[i] = 8 * m->dl_tensor.strides[i];
    }
    v.strides = strides;
    walk(&v, 0, (char *)m->dl_tensor.data + m->dl_tensor.byte_offset, add_to, &total);
    m->deleter(m);
    return PyFloat_FromDouble(total);
}

/* from_view(provider, obj): a `provider`-type array over obj's memory (obj kept alive). */
static PyObject *from_view(PyObject *self, PyObject *args)
{
    PyObject *provider, *obj, *res;
    const OxArrayVTable *vt;
    OxArrayView v;
    (void)self;
    if (!PyArg_ParseTuple(args, "OO:from_view", &provider, &obj)) {
        return NULL;
    }
    vt = OxArray_VTable(provider);
    if (vt == NULL) {
        PyErr_SetString(PyExc_TypeError, "provider has no oxarray:array@1 slot");
        return NULL;
    }
    if (OxArray_GetView(obj, &v, 0) < 0) {
        return NULL;
    }
    res = vt->from_view(&v, obj);
    OxArray_ReleaseView(&v);
    return res;
}

/* ufunc(provider, name, *args): call through the provider's oxarray:ufunc@1 slot. */
static PyObject *ufunc(PyObject *self, PyObject *args)
{
    PyObject *provider, *name, *rest, *res;
    const char *cname;
    (void)self;
    if (PyTuple_GET_SIZE(args) < 2) {
        PyErr_SetString(PyExc_TypeError, "ufunc(provider, name, *args)");
        return NULL;
    }
    provider = PyTuple_GET_ITEM(args, 0);
    name = PyTuple_GET_ITEM(args, 1);
    cname = PyUnicode_AsUTF8(name);
    if (cname == NULL) {
        return NULL;
    }
    rest = PyTuple_GetSlice(args, 2, PyTuple_GET_SIZE(args));
    if (rest == NULL) {
        return NULL;
    }
    res = OxUfunc_Call(provider, cname, rest, NULL);
    Py_DECREF(rest);
    return res;
}

/* check_table(keys): build a C table from the given int keys, verify every key maps to its
   index + 1 and that `absent` keys miss; returns (n_entries, r). */
static PyObject *check_table(PyObject *self, PyObject *args)
{
    PyObject *keys, *absent, *res = NULL;
    Py_ssize_t n, i;
    OxSlotEntry *items;
    OxSlotTable *t;
    (void)self;
    if (!PyArg_ParseTuple(args, "O!O!:check_table", &PyList_Type, &keys, &PyList_Type, &absent)) {
        return NULL;
    }
    n = PyList_GET_SIZE(keys);
    items = (OxSlotEntry *)PyMem_Calloc((size_t)(n > 0 ? n : 1), sizeof(OxSlotEntry));
    if (items == NULL) {
        return PyErr_NoMemory();
    }
    for (i = 0; i < n; i++) {
        items[i].key = PyLong_AsUnsignedLongLong(PyList_GET_ITEM(keys, i));
        items[i].value = (const void *)(uintptr_t)(i + 1);
    }
    if (PyErr_Occurred()) {
        PyMem_Free(items);
        return NULL;
    }
    t = OxSlotTable_Build(items, (size_t)n);
    PyMem_Free(items);
    if (t == NULL) {
        return NULL;
    }
    for (i = 0; i < n; i++) {
        uint64_t k = PyLong_AsUnsignedLongLong(PyList_GET_ITEM(keys, i));
        if (OxSlotTable_Get(t, k) != (const void *)(uintptr_t)(i + 1)) {
            PyErr_Format(PyExc_AssertionError, "key %zd not found", i);
            goto done;
        }
    }
    for (i = 0; i < PyList_GET_SIZE(absent); i++) {
        uint64_t k = PyLong_AsUnsignedLongLong(PyList_GET_ITEM(absent, i));
        if (PyErr_Occurred()) {
            goto done;
        }
        if (OxSlotTable_Get(t, k) != NULL) {
            PyErr_Format(PyExc_AssertionError, "absent key %zd found", i);
            goto done;
        }
    }
    res = Py_BuildValue("(KK)", (unsigned long long)(t->m_f + 1), (unsigned long long)t->r);
done:
    PyMem_Free(t);
    return res;
}

/* has_slot(obj, key): whether obj's type has slot `key` (an int pre-hash). */
static PyObject *has_slot(PyObject *self, PyObject *args)
{
    PyObject *obj;
    unsigned long long key;
    (void)self;
    if (!PyArg_ParseTuple(args, "OK:has_slot", &obj, &key)) {
        return NULL;
    }
    return PyBool_FromLong(OxSlot_Lookup(obj, (uint64_t)key) != NULL);
}

static PyMethodDef methods[] = {
    {"has_slot", has_slot, METH_VARARGS, "has_slot(obj, key)."},
    {"sum_f64", sum_f64, METH_O, "Sum of a float64 array-like."},
    {"scale_inplace", scale_inplace, METH_VARARGS, "Multiply a float64 array-like by k in place."},
    {"is_array", is_array, METH_O, "OxArray_Check."},
    {"slot_path", slot_path, METH_O, "'type', 'portable' or 'none'."},
    {"type_slot_path", type_slot_path, METH_O, "slot_path for instances of a type."},
    {"type_has_slot", type_has_slot, METH_VARARGS, "type_has_slot(tp, key)."},
    {"view_info", view_info, METH_VARARGS, "The OxArrayView of an array-like, as a dict."},
    {"dlpack_export_sum", dlpack_export_sum, METH_O, "Sum through the owning DLPack export."},
    {"from_view", from_view, METH_VARARGS, "from_view(provider, obj)."},
    {"ufunc", ufunc, METH_VARARGS, "ufunc(provider, name, *args)."},
    {"check_table", check_table, METH_VARARGS, "Build and check a C slot table."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, "oxconsumer", "Array consumer built against oxarray.h alone.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit_oxconsumer(void)
{
    PyObject *m = PyModule_Create(&moduledef);
    if (m == NULL) {
        return NULL;
    }
    if (PyModule_AddIntConstant(m, "VIEW_WRITABLE", OX_VIEW_WRITABLE) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
