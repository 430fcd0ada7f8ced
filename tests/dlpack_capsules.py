"""ctypes-built DLPack capsules (any field value) for the reliability tests and the fuzz target."""

import ctypes

import numpy as np
class DLDevice(ctypes.Structure): _fields_=[('device_type',ctypes.c_int32),('device_id',ctypes.c_int32)]
class DLDataType(ctypes.Structure): _fields_=[('code',ctypes.c_uint8),('bits',ctypes.c_uint8),('lanes',ctypes.c_uint16)]
class DLTensor(ctypes.Structure): _fields_=[('data',ctypes.c_void_p),('device',DLDevice),('ndim',ctypes.c_int32),('dtype',DLDataType),('shape',ctypes.POINTER(ctypes.c_int64)),('strides',ctypes.POINTER(ctypes.c_int64)),('byte_offset',ctypes.c_uint64)]
class DLVersion(ctypes.Structure): _fields_=[('major',ctypes.c_uint32),('minor',ctypes.c_uint32)]
class DLMTV(ctypes.Structure): _fields_=[('version',DLVersion),('manager_ctx',ctypes.c_void_p),('deleter',ctypes.c_void_p),('flags',ctypes.c_uint64),('dl_tensor',DLTensor)]
class DLMT(ctypes.Structure): _fields_=[('dl_tensor',DLTensor),('manager_ctx',ctypes.c_void_p),('deleter',ctypes.c_void_p)]
PyCapsule_New = ctypes.pythonapi.PyCapsule_New
PyCapsule_New.restype = ctypes.py_object
PyCapsule_New.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p]
_keep = []
def make(buf=None, shape=(4,), strides=None, code=2, bits=64, lanes=1, device=1, ndim=None, offset=0, version=(1,0), name=b'dltensor_versioned', flags=0, data=None, legacy=False):
    if buf is None: buf = np.arange(4.0)
    _keep.append(buf)
    sh = (ctypes.c_int64 * max(len(shape),1))(*shape); _keep.append(sh)
    st = None
    if strides is not None:
        st = (ctypes.c_int64 * max(len(strides),1))(*strides); _keep.append(st)
    t = DLTensor(data if data is not None else buf.ctypes.data, DLDevice(device,0), len(shape) if ndim is None else ndim, DLDataType(code,bits,lanes), ctypes.cast(sh, ctypes.POINTER(ctypes.c_int64)), ctypes.cast(st, ctypes.POINTER(ctypes.c_int64)) if st is not None else None, offset)
    if legacy:
        m = DLMT(t, None, None)
        if name == b'dltensor_versioned': name = b'dltensor'
    else:
        m = DLMTV(DLVersion(*version), None, None, flags, t)
    _keep.append(m); _keep.append(name)
    return PyCapsule_New(ctypes.addressof(m), name, None)
class Producer:
    def __init__(self, cap, device=(1, 0)): self.cap, self.dev = cap, device
    def __dlpack__(self, **kw): return self.cap
    def __dlpack_device__(self): return self.dev
