/*
 * oxarray.h -- C-level duck typing for N-dimensional arrays.  Header only.
 *
 * Include after <Python.h> (or let this header include it).  No link-time dependency on
 * oxarray: an extension compiled against this header alone serves oxarray arrays, NumPy
 * arrays, memoryviews, bytes and any other type that installs the `oxarray:array@1` slot,
 * all in one process.  C99; also compiles as C++.  Requires the full (non-limited) C API
 * of CPython 3.11+ on a 64-bit platform.
 *
 * How a lookup works (the Rust crate `oxarray-abi` documents the same steps):
 *
 *  1. Keys.  An interface is named "<registrar>:<interface>@<major>"; its key is the low
 *     64 bits of the MD5 of that string (first 8 digest bytes, little-endian).  oxarray's
 *     keys are the OX_KEY_* literals below.
 *  2. Table.  A type's slots are one immutable OxSlotTable, a perfect-hash table:
 *     i = ((h >> r) & m_f) ^ d[h & m_g]; entries[i].key == h ? entries[i].value : NULL.
 *     No probing, no branch.  OxSlotTable_Build makes one (hash-and-displace; it grows the
 *     table instead of failing).
 *  3. Where the table lives, tried in order by OxSlot_TypeTable(type):
 *     a. type-carried: the type's metaclass made its instances larger than `type`, and the
 *        type object holds an OxTypeExt {magic, table} at offset sizeof(PyHeapTypeObject).
 *        OxSlot_NewMetaclass makes such a metaclass; its instances created from Python
 *        (subclasses) copy the extension of their first base that has one.
 *     b. portable: a PyCapsule named "oxarray.slots" under "__oxarray_slots__" in the type's
 *        own __dict__, found by walking the dicts of the type's __mro__ (never attribute
 *        lookup).  The answer, found or not, is cached per type in a small direct-mapped
 *        cache keyed by (type pointer, tp_version_tag); CPython gives a type a new version
 *        tag whenever its dict changes and never reuses one, so the cache cannot go stale.
 *     Providers install (b) always, and (a) when they can, so that limited-API consumers
 *     (which only know (b)) find them too.
 *  4. Interfaces.  "oxarray:array@1" maps to an OxArrayVTable (borrowed view fill, owning
 *     DLPack export, constructor from a view plus keep-alive); "oxarray:ufunc@1" to an
 *     OxUfuncVTable (call an oxarray ufunc by name).
 *  5. Fallbacks.  OxArray_GetView uses the slot, else __dlpack__, else the buffer
 *     protocol.  OxArray_ReleaseView undoes whichever was used.
 *  6. Versions.  OX_ABI_MAJOR changes only incompatibly (with new keys); OX_ABI_MINOR when
 *     fields are appended.  Every struct carries its version or size.  The OX_ASSERT_*
 *     lines pin every size and offset; oxarray's CI checks them against the Rust
 *     definitions, and every compiler including this header checks them against C.
 *
 * Not thread-safe without the GIL (the per-type cache is a plain static array): hold the
 * GIL, as for any C-API call.
 */
#ifndef OXARRAY_H
#define OXARRAY_H

#ifndef PY_SSIZE_T_CLEAN
#define PY_SSIZE_T_CLEAN
#endif
#include <Python.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef Py_LIMITED_API
#error "oxarray.h needs the full CPython C API (it reads type objects); see the Rust crate oxarray-abi for limited-API use"
#endif
#if PY_VERSION_HEX < 0x030B0000
#error "oxarray.h needs CPython 3.11 or newer"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- 1. Versions and keys ------------------------------------------------------------ */

#define OX_ABI_MAJOR 1
#define OX_ABI_MINOR 0

#define OX_KEY_ARRAY_V1 UINT64_C(0x7FCDD698DA82FE95)      /* "oxarray:array@1" */
#define OX_KEY_UFUNC_V1 UINT64_C(0xDF03E06EBED56B90)      /* "oxarray:ufunc@1" */
#define OX_TABLE_MAGIC UINT64_C(0x9FDEB66CE8551432)       /* "oxarray:slot-table@1" */
#define OX_TYPE_EXT_MAGIC UINT64_C(0x5C3D6F984FE6BBB2)    /* "oxarray:type-ext@1" */

#define OX_CAPSULE_ATTR "__oxarray_slots__"
#define OX_CAPSULE_NAME "oxarray.slots"

/* OxArray_GetView flags. */
#define OX_VIEW_WRITABLE 1   /* the caller writes: read-only arrays raise BufferError */
#define OX_VIEW_ANY_DEVICE 2 /* accept non-CPU memory (otherwise BufferError) */

#define OX_DEVICE_CPU 1 /* DLPack kDLCPU */

/* ---- 2. Structs (mirrored by the Rust crate oxarray-abi) ---------------------------- */

typedef struct OxSlotEntry {
    uint64_t key; /* 0: empty */
    const void *value;
} OxSlotEntry;

typedef struct OxSlotTable {
    uint64_t magic; /* OX_TABLE_MAGIC */
    uint16_t abi_major;
    uint16_t abi_minor;
    uint32_t n_keys;
    uint64_t r;   /* < 64 */
    uint64_t m_f; /* entries - 1 */
    uint64_t m_g; /* bins - 1 */
    const uint16_t *d;
    const OxSlotEntry *entries;
} OxSlotTable;

typedef struct OxTypeExt {
    uint64_t magic; /* OX_TYPE_EXT_MAGIC */
    const OxSlotTable *table;
} OxTypeExt;

struct OxArrayVTable;

typedef struct OxArrayView {
    uint32_t struct_size;
    int32_t ndim;
    void *data;             /* element [0, ..., 0] */
    const int64_t *shape;   /* ndim extents */
    const int64_t *strides; /* ndim strides in bytes */
    char kind;              /* NumPy kind: 'b' 'i' 'u' 'f' 'c' ('V' unknown) */
    char byteorder;         /* '=' native, '<', '>', '|' */
    uint8_t readonly;
    uint8_t reserved;
    int32_t itemsize;
    int32_t device_type; /* DLPack device type, OX_DEVICE_CPU for host memory */
    int32_t device_id;
    PyObject *dtype; /* provider's dtype object, borrowed (may be NULL) */
    PyObject *obj;   /* the viewed object: a reference owned by the view */
    const struct OxArrayVTable *vtable; /* the provider's, or NULL for fallbacks */
    void *internal[4]; /* [0..2]: whoever filled the view (providers: nothing that needs
                          releasing); [3]: oxarray.h's own bookkeeping */
} OxArrayView;

typedef struct OxDLDevice {
    int32_t device_type;
    int32_t device_id;
} OxDLDevice;

typedef struct OxDLDataType {
    uint8_t code; /* 0 int, 1 uint, 2 float, 5 complex, 6 bool */
    uint8_t bits;
    uint16_t lanes;
} OxDLDataType;

typedef struct OxDLTensor {
    void *data;
    OxDLDevice device;
    int32_t ndim;
    OxDLDataType dtype;
    int64_t *shape;
    int64_t *strides; /* elements; NULL: C-contiguous */
    uint64_t byte_offset;
} OxDLTensor;

typedef struct OxDLPackVersion {
    uint32_t major;
    uint32_t minor;
} OxDLPackVersion;

/* DLPack 1.0 DLManagedTensorVersioned, layout-identical. */
typedef struct OxDLManagedTensorVersioned {
    OxDLPackVersion version;
    void *manager_ctx;
    void (*deleter)(struct OxDLManagedTensorVersioned *self);
    uint64_t flags; /* bit 0: read-only */
    OxDLTensor dl_tensor;
} OxDLManagedTensorVersioned;

/* DLPack 0.x DLManagedTensor (capsule "dltensor"), layout-identical. */
typedef struct OxDLManagedTensor {
    OxDLTensor dl_tensor;
    void *manager_ctx;
    void (*deleter)(struct OxDLManagedTensor *self);
} OxDLManagedTensor;

#define OX_DLPACK_FLAG_READ_ONLY UINT64_C(1)

/* "oxarray:array@1" */
typedef struct OxArrayVTable {
    uint16_t abi_major;
    uint16_t abi_minor;
    uint32_t struct_size;
    /* Borrowed fill: no reference taken; pointers valid while obj lives unchanged.
       0, or -1 with an exception set. */
    int (*fill_view)(PyObject *obj, OxArrayView *view, int flags);
    /* Owning export; the consumer calls ->deleter when done.  NULL + exception on error. */
    OxDLManagedTensorVersioned *(*export_dlpack)(PyObject *obj, int flags);
    /* New array of the provider's type over view's memory, keeping `keepalive` alive. */
    PyObject *(*from_view)(const OxArrayView *view, PyObject *keepalive);
} OxArrayVTable;

/* "oxarray:ufunc@1" */
typedef struct OxUfuncVTable {
    uint16_t abi_major;
    uint16_t abi_minor;
    uint32_t struct_size;
    /* Call the ufunc `name` with a tuple of array-likes and optional kwargs (NULL):
       new reference, or NULL + exception. */
    PyObject *(*call)(const char *name, PyObject *args, PyObject *kwargs);
} OxUfuncVTable;

/* ---- Layout pins (checked against Rust by oxarray's tests; against C right here) ---- */

#if defined(__cplusplus)
#define OX_STATIC_ASSERT(cond, tag) static_assert(cond, #tag)
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define OX_STATIC_ASSERT(cond, tag) _Static_assert(cond, #tag)
#else
#define OX_STATIC_ASSERT(cond, tag) typedef char ox_static_assert_##tag[(cond) ? 1 : -1]
#endif
#define OX_ASSERT_SIZE(T, size) OX_STATIC_ASSERT(sizeof(T) == (size), size_##T)
#define OX_ASSERT_OFFSET(T, field, off) \
    OX_STATIC_ASSERT(offsetof(T, field) == (off), offset_##T##_##field)

OX_STATIC_ASSERT(sizeof(void *) == 8 && sizeof(Py_ssize_t) == 8, lp64_only);
OX_ASSERT_SIZE(OxSlotEntry, 16);
OX_ASSERT_OFFSET(OxSlotEntry, value, 8);
OX_ASSERT_SIZE(OxSlotTable, 56);
OX_ASSERT_OFFSET(OxSlotTable, abi_major, 8);
OX_ASSERT_OFFSET(OxSlotTable, abi_minor, 10);
OX_ASSERT_OFFSET(OxSlotTable, n_keys, 12);
OX_ASSERT_OFFSET(OxSlotTable, r, 16);
OX_ASSERT_OFFSET(OxSlotTable, m_f, 24);
OX_ASSERT_OFFSET(OxSlotTable, m_g, 32);
OX_ASSERT_OFFSET(OxSlotTable, d, 40);
OX_ASSERT_OFFSET(OxSlotTable, entries, 48);
OX_ASSERT_SIZE(OxTypeExt, 16);
OX_ASSERT_OFFSET(OxTypeExt, table, 8);
OX_ASSERT_SIZE(OxArrayView, 104);
OX_ASSERT_OFFSET(OxArrayView, ndim, 4);
OX_ASSERT_OFFSET(OxArrayView, data, 8);
OX_ASSERT_OFFSET(OxArrayView, shape, 16);
OX_ASSERT_OFFSET(OxArrayView, strides, 24);
OX_ASSERT_OFFSET(OxArrayView, kind, 32);
OX_ASSERT_OFFSET(OxArrayView, byteorder, 33);
OX_ASSERT_OFFSET(OxArrayView, readonly, 34);
OX_ASSERT_OFFSET(OxArrayView, reserved, 35);
OX_ASSERT_OFFSET(OxArrayView, itemsize, 36);
OX_ASSERT_OFFSET(OxArrayView, device_type, 40);
OX_ASSERT_OFFSET(OxArrayView, device_id, 44);
OX_ASSERT_OFFSET(OxArrayView, dtype, 48);
OX_ASSERT_OFFSET(OxArrayView, obj, 56);
OX_ASSERT_OFFSET(OxArrayView, vtable, 64);
OX_ASSERT_OFFSET(OxArrayView, internal, 72);
OX_ASSERT_SIZE(OxArrayVTable, 32);
OX_ASSERT_OFFSET(OxArrayVTable, abi_minor, 2);
OX_ASSERT_OFFSET(OxArrayVTable, struct_size, 4);
OX_ASSERT_OFFSET(OxArrayVTable, fill_view, 8);
OX_ASSERT_OFFSET(OxArrayVTable, export_dlpack, 16);
OX_ASSERT_OFFSET(OxArrayVTable, from_view, 24);
OX_ASSERT_SIZE(OxUfuncVTable, 16);
OX_ASSERT_OFFSET(OxUfuncVTable, abi_minor, 2);
OX_ASSERT_OFFSET(OxUfuncVTable, struct_size, 4);
OX_ASSERT_OFFSET(OxUfuncVTable, call, 8);
OX_ASSERT_SIZE(OxDLTensor, 48);
OX_ASSERT_OFFSET(OxDLTensor, device, 8);
OX_ASSERT_OFFSET(OxDLTensor, ndim, 16);
OX_ASSERT_OFFSET(OxDLTensor, dtype, 20);
OX_ASSERT_OFFSET(OxDLTensor, shape, 24);
OX_ASSERT_OFFSET(OxDLTensor, strides, 32);
OX_ASSERT_OFFSET(OxDLTensor, byte_offset, 40);
OX_ASSERT_SIZE(OxDLManagedTensorVersioned, 80);
OX_ASSERT_OFFSET(OxDLManagedTensorVersioned, manager_ctx, 8);
OX_ASSERT_OFFSET(OxDLManagedTensorVersioned, deleter, 16);
OX_ASSERT_OFFSET(OxDLManagedTensorVersioned, flags, 24);
OX_ASSERT_OFFSET(OxDLManagedTensorVersioned, dl_tensor, 32);

/* ---- 3. Table lookup ----------------------------------------------------------------- */

/* The value stored under `key`, or NULL.  Branch-free. */
static inline const void *OxSlotTable_Get(const OxSlotTable *t, uint64_t key)
{
    uint64_t i = ((key >> t->r) & t->m_f) ^ (uint64_t)t->d[key & t->m_g];
    const OxSlotEntry *e = &t->entries[i];
    return e->key == key ? e->value : NULL;
}

/* The table every type without slots maps to: lookups on it always miss. */
static const uint16_t ox__empty_d[1] = {0};
static const OxSlotEntry ox__empty_entries[1] = {{0, NULL}};
static const OxSlotTable ox__empty_table = {
    OX_TABLE_MAGIC, OX_ABI_MAJOR, OX_ABI_MINOR, 0, 0, 0, 0, ox__empty_d, ox__empty_entries};

/* Offset of OxTypeExt in a type object whose metaclass carries one. */
#define OX_TYPE_EXT_OFFSET ((Py_ssize_t)sizeof(PyHeapTypeObject))

/* Path (a): the table in the type object itself, or NULL. */
static inline const OxSlotTable *OxSlot_TypeCarried(PyTypeObject *tp)
{
    if (Py_TYPE(tp)->tp_basicsize >= OX_TYPE_EXT_OFFSET + (Py_ssize_t)sizeof(OxTypeExt)) {
        const OxTypeExt *ext = (const OxTypeExt *)((const char *)tp + OX_TYPE_EXT_OFFSET);
        if (ext->magic == OX_TYPE_EXT_MAGIC && ext->table != NULL) {
            return ext->table;
        }
    }
    return NULL;
}

/* Path (b) without the cache: walk the MRO dicts for the capsule.  Returns the table,
   NULL when there is none.  Never raises (a broken capsule counts as none). */
static inline const OxSlotTable *OxSlot_PortableUncached(PyTypeObject *tp)
{
    static PyObject *name = NULL;
    PyObject *mro = tp->tp_mro;
    Py_ssize_t i, n;
    if (name == NULL) {
        name = PyUnicode_InternFromString(OX_CAPSULE_ATTR);
        if (name == NULL) {
            PyErr_Clear();
            return NULL;
        }
    }
    if (mro == NULL || !PyTuple_Check(mro)) {
        return NULL;
    }
    n = PyTuple_GET_SIZE(mro);
    for (i = 0; i < n; i++) {
        PyObject *base = PyTuple_GET_ITEM(mro, i);
        PyObject *dict, *cap;
        if (!PyType_Check(base)) {
            continue;
        }
        dict = ((PyTypeObject *)base)->tp_dict;
        if (dict == NULL) {
            continue;
        }
        cap = PyDict_GetItemWithError(dict, name); /* borrowed */
        if (cap == NULL) {
            if (PyErr_Occurred()) {
                PyErr_Clear();
                return NULL;
            }
            continue;
        }
        if (PyCapsule_IsValid(cap, OX_CAPSULE_NAME)) {
            const OxSlotTable *t = (const OxSlotTable *)PyCapsule_GetPointer(cap, OX_CAPSULE_NAME);
            if (t != NULL && t->magic == OX_TABLE_MAGIC && t->abi_major == OX_ABI_MAJOR) {
                return t;
            }
        }
        PyErr_Clear();
        return NULL; /* the nearest definition wins, like attribute lookup */
    }
    return NULL;
}

#ifndef OX_TYPE_CACHE_SIZE
#define OX_TYPE_CACHE_SIZE 64 /* power of two */
#endif

typedef struct OxTypeCacheEntry {
    PyTypeObject *type;
    unsigned int version_tag;
    const OxSlotTable *table; /* &ox__empty_table when the type has none */
} OxTypeCacheEntry;

/* One cache per translation unit that includes this header. */
static OxTypeCacheEntry ox__type_cache[OX_TYPE_CACHE_SIZE];

static inline size_t ox__cache_index(PyTypeObject *tp)
{
    uintptr_t p = (uintptr_t)tp;
    return (size_t)((p >> 4) ^ (p >> 12)) & (OX_TYPE_CACHE_SIZE - 1);
}

static inline unsigned int ox__version_tag(PyTypeObject *tp)
{
#if PY_VERSION_HEX < 0x030C0000
    if (!PyType_HasFeature(tp, Py_TPFLAGS_VALID_VERSION_TAG)) {
        return 0;
    }
#endif
    return tp->tp_version_tag;
}

static inline const OxSlotTable *ox__type_table_slow(PyTypeObject *tp)
{
    const OxSlotTable *t = OxSlot_PortableUncached(tp);
    unsigned int tag = ox__version_tag(tp);
    if (tag == 0) {
        /* Ask CPython for a version tag (it hands one out on the first MRO lookup). */
#if PY_VERSION_HEX >= 0x030C0000
        (void)PyUnstable_Type_AssignVersionTag(tp);
#else
        PyObject *name = PyUnicode_InternFromString(OX_CAPSULE_ATTR);
        if (name != NULL) {
            (void)_PyType_Lookup(tp, name);
            Py_DECREF(name);
        }
        PyErr_Clear();
#endif
        tag = ox__version_tag(tp);
    }
    if (tag != 0) {
        OxTypeCacheEntry *e = &ox__type_cache[ox__cache_index(tp)];
        e->type = tp;
        e->version_tag = tag;
        e->table = t != NULL ? t : &ox__empty_table;
    }
    return t != NULL ? t : &ox__empty_table;
}

/* The slot table of a type (step 3): never NULL (types without slots give a table on
   which every lookup misses).  Never raises. */
static inline const OxSlotTable *OxSlot_TypeTable(PyTypeObject *tp)
{
    const OxSlotTable *t = OxSlot_TypeCarried(tp);
    const OxTypeCacheEntry *e;
    if (t != NULL) {
        return t;
    }
    e = &ox__type_cache[ox__cache_index(tp)];
    if (e->type == tp && e->version_tag == tp->tp_version_tag && e->version_tag != 0) {
        return e->table;
    }
    return ox__type_table_slow(tp);
}

/* The slot `key` of obj's type, or NULL.  Never raises. */
static inline const void *OxSlot_Lookup(PyObject *obj, uint64_t key)
{
    return OxSlotTable_Get(OxSlot_TypeTable(Py_TYPE(obj)), key);
}

/* ---- 4. Array interface -------------------------------------------------------------- */

/* The "oxarray:array@1" vtable of obj's type, or NULL. */
static inline const OxArrayVTable *OxArray_VTable(PyObject *obj)
{
    const OxArrayVTable *vt = (const OxArrayVTable *)OxSlot_Lookup(obj, OX_KEY_ARRAY_V1);
    return (vt != NULL && vt->abi_major == OX_ABI_MAJOR) ? vt : NULL;
}

/* Capability check: 1 when obj's type has the "oxarray:array@1" slot.  (OxArray_GetView
   accepts more: DLPack and buffer-protocol objects.) */
static inline int OxArray_Check(PyObject *obj)
{
    return OxArray_VTable(obj) != NULL;
}

/* The "oxarray:ufunc@1" vtable of obj's type, or NULL. */
static inline const OxUfuncVTable *OxUfunc_VTable(PyObject *obj)
{
    const OxUfuncVTable *vt = (const OxUfuncVTable *)OxSlot_Lookup(obj, OX_KEY_UFUNC_V1);
    return (vt != NULL && vt->abi_major == OX_ABI_MAJOR) ? vt : NULL;
}

enum { OX__SRC_SLOT = 1, OX__SRC_DLPACK_V1 = 2, OX__SRC_DLPACK_V0 = 3, OX__SRC_BUFFER = 4 };

static inline void ox__view_clear(OxArrayView *view)
{
    memset(view, 0, sizeof(*view));
    view->struct_size = (uint32_t)sizeof(OxArrayView);
    view->byteorder = '=';
    view->device_type = OX_DEVICE_CPU;
}

static inline int ox__kind_from_dlpack(OxDLDataType dt, char *kind)
{
    switch (dt.code) {
    case 0: *kind = 'i'; break;
    case 1: *kind = 'u'; break;
    case 2: *kind = 'f'; break;
    case 5: *kind = 'c'; break;
    case 6: *kind = 'b'; break;
    default: *kind = 'V'; break;
    }
    return dt.lanes == 1 ? 0 : -1;
}

static inline int ox__fill_from_dltensor(OxArrayView *view, const OxDLTensor *t, int flags)
{
    int32_t i, nd = t->ndim;
    int64_t *strides;
    if (ox__kind_from_dlpack(t->dtype, &view->kind) < 0) {
        PyErr_SetString(PyExc_BufferError, "oxarray.h: vector (lanes > 1) DLPack dtypes are not supported");
        return -1;
    }
    if (t->device.device_type != OX_DEVICE_CPU && !(flags & OX_VIEW_ANY_DEVICE)) {
        PyErr_SetString(PyExc_BufferError, "oxarray.h: the DLPack tensor is not in CPU memory");
        return -1;
    }
    view->ndim = nd;
    view->itemsize = (int32_t)((t->dtype.bits * t->dtype.lanes + 7) / 8);
    view->byteorder = view->itemsize == 1 ? '|' : '=';
    view->data = (char *)t->data + t->byte_offset;
    view->shape = t->shape;
    view->device_type = t->device.device_type;
    view->device_id = t->device.device_id;
    strides = (int64_t *)PyMem_Malloc(sizeof(int64_t) * (size_t)(nd > 0 ? nd : 1));
    if (strides == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    if (t->strides != NULL) {
        for (i = 0; i < nd; i++) {
            strides[i] = t->strides[i] * view->itemsize;
        }
    } else {
        int64_t s = view->itemsize;
        for (i = nd - 1; i >= 0; i--) {
            strides[i] = s;
            s *= t->shape[i];
        }
    }
    view->strides = strides;
    view->internal[1] = strides;
    return 0;
}

/* Look an attribute up without raising AttributeError when it is missing (missing
   attributes are the common case for the fallbacks).  1 found, 0 missing, -1 error. */
static inline int ox__optional_attr(PyObject *obj, PyObject *name, PyObject **result)
{
#if PY_VERSION_HEX >= 0x030D0000
    return PyObject_GetOptionalAttr(obj, name, result);
#else
    return _PyObject_LookupAttr(obj, name, result);
#endif
}

/* Try __dlpack__: 1 = filled, 0 = object has no __dlpack__, -1 = error.  Interned names
   and the (1, 0) version tuple are created once per translation unit and kept. */
static inline int ox__view_from_dlpack(PyObject *obj, OxArrayView *view, int flags)
{
    static PyObject *name = NULL, *kwnames = NULL, *version = NULL;
    PyObject *meth, *cap, *args[2];
    int found;
    if (name == NULL) {
        name = PyUnicode_InternFromString("__dlpack__");
        kwnames = Py_BuildValue("(s)", "max_version");
        version = Py_BuildValue("(ii)", 1, 0);
        if (name == NULL || kwnames == NULL || version == NULL) {
            Py_CLEAR(name);
            Py_CLEAR(kwnames);
            Py_CLEAR(version);
            return -1;
        }
    }
    found = ox__optional_attr(obj, name, &meth);
    if (found <= 0) {
        return found;
    }
    args[0] = NULL;
    args[1] = version;
    cap = PyObject_Vectorcall(meth, args + 1, 0 | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
    if (cap == NULL && PyErr_ExceptionMatches(PyExc_TypeError)) {
        /* A pre-1.0 producer without max_version. */
        PyErr_Clear();
        cap = PyObject_CallNoArgs(meth);
    }
    Py_DECREF(meth);
    if (cap == NULL) {
        return -1;
    }
    if (PyCapsule_IsValid(cap, "dltensor_versioned")) {
        OxDLManagedTensorVersioned *m =
            (OxDLManagedTensorVersioned *)PyCapsule_GetPointer(cap, "dltensor_versioned");
        if (m->version.major != 1) {
            Py_DECREF(cap);
            PyErr_SetString(PyExc_BufferError, "oxarray.h: unsupported DLPack major version");
            return -1;
        }
        /* The capsule is consumed: from now on the deleter is ours to call. */
        if (PyCapsule_SetName(cap, "used_dltensor_versioned") < 0) {
            Py_DECREF(cap);
            return -1;
        }
        Py_DECREF(cap);
        view->internal[0] = m;
        view->internal[3] = (void *)(uintptr_t)OX__SRC_DLPACK_V1;
        view->readonly = (m->flags & OX_DLPACK_FLAG_READ_ONLY) ? 1 : 0;
        return ox__fill_from_dltensor(view, &m->dl_tensor, flags) < 0 ? -1 : 1;
    }
    if (PyCapsule_IsValid(cap, "dltensor")) {
        OxDLManagedTensor *m = (OxDLManagedTensor *)PyCapsule_GetPointer(cap, "dltensor");
        if (PyCapsule_SetName(cap, "used_dltensor") < 0) {
            Py_DECREF(cap);
            return -1;
        }
        Py_DECREF(cap);
        view->internal[0] = m;
        view->internal[3] = (void *)(uintptr_t)OX__SRC_DLPACK_V0;
        return ox__fill_from_dltensor(view, &m->dl_tensor, flags) < 0 ? -1 : 1;
    }
    Py_DECREF(cap);
    PyErr_SetString(PyExc_BufferError, "oxarray.h: __dlpack__ did not return a DLPack capsule");
    return -1;
}

/* struct-module format of one element -> kind/itemsize/byteorder; -1 if unsupported. */
static inline int ox__parse_format(const char *fmt, Py_ssize_t itemsize, OxArrayView *view)
{
    char order = '=';
    if (fmt == NULL) {
        fmt = "B";
    }
    if (*fmt == '@' || *fmt == '=') {
        fmt++;
    } else if (*fmt == '<') {
        order = '<';
        fmt++;
    } else if (*fmt == '>' || *fmt == '!') {
        order = '>';
        fmt++;
    }
#if PY_LITTLE_ENDIAN
    if (order == '<') order = '=';
#else
    if (order == '>') order = '=';
#endif
    view->byteorder = order;
    view->itemsize = (int32_t)itemsize;
    if (fmt[0] == 'Z' && fmt[1] != '\0' && fmt[2] == '\0' && strchr("efdg", fmt[1]) != NULL) {
        view->kind = 'c';
        return 0;
    }
    if (fmt[0] == '\0' || fmt[1] != '\0') {
        view->kind = 'V';
        return 0;
    }
    if (strchr("bhilqn", fmt[0]) != NULL) view->kind = 'i';
    else if (strchr("BHILQN", fmt[0]) != NULL) view->kind = 'u';
    else if (fmt[0] == '?') view->kind = 'b';
    else if (strchr("efdg", fmt[0]) != NULL) view->kind = 'f';
    else view->kind = 'V';
    if (itemsize == 1) view->byteorder = '|';
    return 0;
}

/* Try the buffer protocol: 1 = filled, 0 = not a buffer, -1 = error. */
static inline int ox__view_from_buffer(PyObject *obj, OxArrayView *view, int flags)
{
    Py_buffer *buf;
    if (!PyObject_CheckBuffer(obj)) {
        return 0;
    }
    buf = (Py_buffer *)PyMem_Malloc(sizeof(Py_buffer));
    if (buf == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    if (PyObject_GetBuffer(obj, buf, (flags & OX_VIEW_WRITABLE) ? PyBUF_RECORDS : PyBUF_RECORDS_RO) < 0) {
        PyMem_Free(buf);
        return -1;
    }
    view->internal[0] = buf;
    view->internal[3] = (void *)(uintptr_t)OX__SRC_BUFFER;
    view->data = buf->buf;
    view->ndim = buf->ndim;
    view->shape = (const int64_t *)buf->shape;
    view->strides = (const int64_t *)buf->strides;
    view->readonly = buf->readonly ? 1 : 0;
    ox__parse_format(buf->format, buf->itemsize, view);
    return 1;
}

/* Release a view filled by OxArray_GetView (idempotent; safe on a zeroed view). */
static inline void OxArray_ReleaseView(OxArrayView *view)
{
    int src = (int)(uintptr_t)view->internal[3];
    switch (src) {
    case OX__SRC_DLPACK_V1: {
        OxDLManagedTensorVersioned *m = (OxDLManagedTensorVersioned *)view->internal[0];
        if (m != NULL && m->deleter != NULL) m->deleter(m);
        break;
    }
    case OX__SRC_DLPACK_V0: {
        OxDLManagedTensor *m = (OxDLManagedTensor *)view->internal[0];
        if (m != NULL && m->deleter != NULL) m->deleter(m);
        break;
    }
    case OX__SRC_BUFFER: {
        Py_buffer *buf = (Py_buffer *)view->internal[0];
        if (buf != NULL) {
            PyBuffer_Release(buf);
            PyMem_Free(buf);
        }
        break;
    }
    default:
        break;
    }
    if (src != OX__SRC_SLOT && view->internal[1] != NULL) {
        PyMem_Free(view->internal[1]); /* byte strides made from DLPack's */
    }
    Py_CLEAR(view->obj);
    ox__view_clear(view);
}

/* Fill `view` from any array-like: the "oxarray:array@1" slot, else __dlpack__, else the
   buffer protocol.  0 on success (release with OxArray_ReleaseView), -1 with an exception
   set (TypeError when obj is none of these; BufferError for read-only memory when
   OX_VIEW_WRITABLE is given, or non-CPU memory without OX_VIEW_ANY_DEVICE). */
static inline int OxArray_GetView(PyObject *obj, OxArrayView *view, int flags)
{
    const OxArrayVTable *vt = OxArray_VTable(obj);
    int rc;
    ox__view_clear(view);
    if (vt != NULL) {
        if (vt->fill_view(obj, view, flags) < 0) {
            ox__view_clear(view);
            return -1;
        }
        view->vtable = vt;
        view->internal[3] = (void *)(uintptr_t)OX__SRC_SLOT;
        if (view->device_type != OX_DEVICE_CPU && !(flags & OX_VIEW_ANY_DEVICE)) {
            ox__view_clear(view);
            PyErr_SetString(PyExc_BufferError, "oxarray.h: the array is not in CPU memory");
            return -1;
        }
        Py_INCREF(obj);
        view->obj = obj;
        return 0;
    }
    rc = ox__view_from_dlpack(obj, view, flags);
    if (rc == 1 && view->readonly && (flags & OX_VIEW_WRITABLE)) {
        OxArray_ReleaseView(view);
        PyErr_SetString(PyExc_BufferError, "oxarray.h: the array is read-only");
        return -1;
    }
    if (rc < 0 && PyErr_ExceptionMatches(PyExc_BufferError) && PyObject_CheckBuffer(obj)) {
        /* The producer cannot export this array through DLPack (byte order, read-only
           with a writable request, ...): the buffer protocol may still describe it. */
        PyErr_Clear();
        OxArray_ReleaseView(view);
        rc = ox__view_from_buffer(obj, view, flags); /* on failure, its error is reported */
    }
    if (rc == 0) {
        rc = ox__view_from_buffer(obj, view, flags);
    }
    if (rc == 1) {
        Py_INCREF(obj);
        view->obj = obj;
        return 0;
    }
    if (rc == 0) {
        PyErr_Format(PyExc_TypeError,
                     "expected an array (oxarray:array@1 slot, __dlpack__ or the buffer "
                     "protocol), got '%.200s'",
                     Py_TYPE(obj)->tp_name);
    }
    OxArray_ReleaseView(view);
    return -1;
}

/* Call ufunc `name` of the provider of `provider`'s type ("oxarray:ufunc@1"). */
static inline PyObject *OxUfunc_Call(PyObject *provider, const char *name, PyObject *args,
                                     PyObject *kwargs)
{
    const OxUfuncVTable *vt = OxUfunc_VTable(provider);
    if (vt == NULL) {
        PyErr_Format(PyExc_TypeError, "'%.200s' does not provide oxarray:ufunc@1",
                     Py_TYPE(provider)->tp_name);
        return NULL;
    }
    return vt->call(name, args, kwargs);
}

/* ---- 5. For providers: build a table and install it on a type ----------------------- */

/* Build a table from n (key, value) entries (step 2; same algorithm as the Rust builder).
   One PyMem_Malloc'ed block, freed with PyMem_Free.  NULL + ValueError for duplicate or
   zero keys, NULL + MemoryError when out of memory. */
static inline OxSlotTable *OxSlotTable_Build(const OxSlotEntry *items, size_t n)
{
    size_t n_bins = 1, n_entries = 1, i, j, b;
    uint32_t *start = NULL, *order = NULL, *fill = NULL, *bins = NULL;
    unsigned char *taken = NULL;
    uint16_t *d = NULL;
    OxSlotTable *out = NULL;
    for (i = 0; i < n; i++) {
        if (items[i].key == 0) {
            PyErr_SetString(PyExc_ValueError, "oxarray.h: slot key 0 is reserved");
            return NULL;
        }
    }
    while (n_bins < n) n_bins <<= 1;
    while (n_entries < 2 * n) n_entries <<= 1;
    for (; n_entries <= ((size_t)1 << 16); n_entries <<= 1, n_bins <<= 1) {
        uint64_t m_f = n_entries - 1, m_g = n_bins - 1, r, log2 = 0;
        size_t nb;
        while (((size_t)1 << log2) < n_entries) log2++;
        PyMem_Free(start); PyMem_Free(order); PyMem_Free(fill); PyMem_Free(bins);
        PyMem_Free(taken); PyMem_Free(d);
        start = (uint32_t *)PyMem_Calloc(n_bins + 1, sizeof(uint32_t));
        order = (uint32_t *)PyMem_Calloc(n + 1, sizeof(uint32_t));
        fill = (uint32_t *)PyMem_Calloc(n_bins, sizeof(uint32_t));
        bins = (uint32_t *)PyMem_Calloc(n_bins, sizeof(uint32_t));
        taken = (unsigned char *)PyMem_Calloc(n_entries, 1);
        d = (uint16_t *)PyMem_Calloc(n_bins, sizeof(uint16_t));
        if (!start || !order || !fill || !bins || !taken || !d) {
            PyErr_NoMemory();
            goto done;
        }
        /* Bins do not depend on r: counting sort of keys by g(h). */
        for (i = 0; i < n; i++) start[(items[i].key & m_g) + 1]++;
        for (b = 0; b < n_bins; b++) start[b + 1] += start[b];
        for (b = 0; b < n_bins; b++) fill[b] = start[b];
        for (i = 0; i < n; i++) order[fill[items[i].key & m_g]++] = (uint32_t)i;
        /* Equal keys share a bin: comparing within bins finds duplicates in O(n). */
        for (b = 0; b < n_bins; b++) {
            for (i = start[b]; i < start[b + 1]; i++) {
                for (j = start[b]; j < i; j++) {
                    if (items[order[i]].key == items[order[j]].key) {
                        PyErr_SetString(PyExc_ValueError, "oxarray.h: duplicate slot key");
                        goto done;
                    }
                }
            }
        }
        /* Non-empty bins, largest first (insertion sort: bins are few and small). */
        nb = 0;
        for (b = 0; b < n_bins; b++) {
            if (start[b + 1] > start[b]) {
                size_t k = nb++;
                uint32_t sz = start[b + 1] - start[b];
                while (k > 0 && start[bins[k - 1] + 1] - start[bins[k - 1]] < sz) {
                    bins[k] = bins[k - 1];
                    k--;
                }
                bins[k] = (uint32_t)b;
            }
        }
        for (r = 0; r <= (64 - log2 < 63 ? 64 - log2 : 63); r++) {
            int ok = 1;
            memset(taken, 0, n_entries);
            memset(d, 0, n_bins * sizeof(uint16_t));
            for (b = 0; b < nb && ok; b++) {
                uint32_t lo = start[bins[b]], hi = start[bins[b] + 1], x, y;
                uint64_t dv;
                for (x = lo; x < hi && ok; x++)
                    for (y = lo; y < x; y++)
                        if (((items[order[x]].key >> r) & m_f) == ((items[order[y]].key >> r) & m_f))
                            ok = 0;
                if (!ok) break;
                for (dv = 0; dv < n_entries; dv++) {
                    for (x = lo; x < hi; x++)
                        if (taken[((items[order[x]].key >> r) & m_f) ^ dv]) break;
                    if (x == hi) break;
                }
                if (dv == n_entries) {
                    ok = 0;
                    break;
                }
                for (x = lo; x < hi; x++) taken[((items[order[x]].key >> r) & m_f) ^ dv] = 1;
                d[bins[b]] = (uint16_t)dv;
            }
            if (ok) {
                size_t dbytes = (n_bins * sizeof(uint16_t) + 15) & ~(size_t)15;
                char *mem = (char *)PyMem_Calloc(1, sizeof(OxSlotTable) + dbytes + n_entries * sizeof(OxSlotEntry));
                OxSlotEntry *entries;
                uint16_t *dd;
                if (mem == NULL) {
                    PyErr_NoMemory();
                    goto done;
                }
                out = (OxSlotTable *)mem;
                dd = (uint16_t *)(mem + sizeof(OxSlotTable));
                entries = (OxSlotEntry *)(mem + sizeof(OxSlotTable) + dbytes);
                memcpy(dd, d, n_bins * sizeof(uint16_t));
                for (i = 0; i < n; i++) {
                    uint64_t k = items[i].key;
                    entries[((k >> r) & m_f) ^ dd[k & m_g]] = items[i];
                }
                out->magic = OX_TABLE_MAGIC;
                out->abi_major = OX_ABI_MAJOR;
                out->abi_minor = OX_ABI_MINOR;
                out->n_keys = (uint32_t)n;
                out->r = r;
                out->m_f = m_f;
                out->m_g = m_g;
                out->d = dd;
                out->entries = entries;
                goto done;
            }
        }
    }
    PyErr_SetString(PyExc_ValueError, "oxarray.h: too many slot keys");
done:
    PyMem_Free(start); PyMem_Free(order); PyMem_Free(fill); PyMem_Free(bins);
    PyMem_Free(taken); PyMem_Free(d);
    return out;
}

/* Path (b): put `table` (which must outlive the type) in tp's own __dict__.  Works for
   static and heap types.  0, or -1 with an exception set. */
static inline int OxSlot_InstallCapsule(PyTypeObject *tp, const OxSlotTable *table)
{
    PyObject *cap, *dict = tp->tp_dict;
    int rc;
    if (dict == NULL) {
        PyErr_SetString(PyExc_SystemError, "oxarray.h: install slots after PyType_Ready");
        return -1;
    }
    cap = PyCapsule_New((void *)table, OX_CAPSULE_NAME, NULL);
    if (cap == NULL) {
        return -1;
    }
    rc = PyDict_SetItemString(dict, OX_CAPSULE_ATTR, cap);
    Py_DECREF(cap);
    PyType_Modified(tp);
    return rc;
}

/* Path (a): store `table` in the type-object extension; tp's metaclass must be one made by
   OxSlot_NewMetaclass (or reserve an OxTypeExt at OX_TYPE_EXT_OFFSET).  0 or -1. */
static inline int OxSlot_SetTypeExt(PyTypeObject *tp, const OxSlotTable *table)
{
    OxTypeExt *ext;
    if (Py_TYPE(tp)->tp_basicsize < OX_TYPE_EXT_OFFSET + (Py_ssize_t)sizeof(OxTypeExt)) {
        PyErr_SetString(PyExc_TypeError, "oxarray.h: the metaclass reserves no OxTypeExt");
        return -1;
    }
    ext = (OxTypeExt *)((char *)tp + OX_TYPE_EXT_OFFSET);
    ext->table = table;
    ext->magic = OX_TYPE_EXT_MAGIC;
    return 0;
}

/* tp_init of metaclasses made by OxSlot_NewMetaclass: a class created from Python with
   this metaclass (a subclass) copies the extension of its first base that has one. */
static inline int ox__meta_init(PyObject *self, PyObject *args, PyObject *kwds)
{
    PyTypeObject *tp = (PyTypeObject *)self;
    PyObject *mro = tp->tp_mro;
    Py_ssize_t i;
    if (PyType_Type.tp_init(self, args, kwds) < 0) {
        return -1;
    }
    if (mro == NULL) {
        return 0;
    }
    for (i = 1; i < PyTuple_GET_SIZE(mro); i++) {
        const OxSlotTable *t = OxSlot_TypeCarried((PyTypeObject *)PyTuple_GET_ITEM(mro, i));
        if (t != NULL) {
            return OxSlot_SetTypeExt(tp, t);
        }
    }
    return 0;
}

/* A new metaclass (subclass of `type`) whose instances carry an OxTypeExt.  `name` is the
   dotted name, e.g. "tinyarray._SlotType".  New reference or NULL.  On CPython 3.11 a C
   type gets it as metaclass through static storage of PyHeapTypeObject + OxTypeExt and
   Py_SET_TYPE before PyType_Ready (see tests/capi/tinyarray.c); on 3.12+ also through
   PyType_FromMetaclass. */
static inline PyTypeObject *OxSlot_NewMetaclass(const char *name)
{
    PyType_Slot slots[2];
    PyType_Spec spec;
    slots[0].slot = Py_tp_init;
    slots[0].pfunc = (void *)ox__meta_init;
    slots[1].slot = 0;
    slots[1].pfunc = NULL;
    spec.name = name;
    spec.basicsize = (int)(OX_TYPE_EXT_OFFSET + (Py_ssize_t)sizeof(OxTypeExt));
    spec.itemsize = (int)PyType_Type.tp_itemsize;
    spec.flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE;
    spec.slots = slots;
    return (PyTypeObject *)PyType_FromSpecWithBases(&spec, (PyObject *)&PyType_Type);
}

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* OXARRAY_H */
