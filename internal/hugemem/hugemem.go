// Package hugemem allocates large buffers that the operating system may
// back with huge pages: a program that reads a dataset of tens of
// megabytes into memory otherwise spends a noticeable part of its start in
// page faults, one per 4 KiB.
package hugemem
