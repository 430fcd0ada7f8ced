//! Sort, argsort, partition and searchsorted kernels, registered per dtype.
