//go:build linux && (amd64 || arm64)

// arrival_linux.go reads TCP connections with recvmsg and SO_TIMESTAMPNS,
// so each read comes with the time the kernel received its last bytes.
package main

import (
	"io"
	"net"
	"syscall"
	"time"
	"unsafe"
)

// tcpStamped reads one TCP connection with its receive timestamps.
type tcpStamped struct {
	raw  syscall.RawConn
	at   int64
	oob  [64]byte
	iov  syscall.Iovec
	msg  syscall.Msghdr // kept here: a read allocates nothing
	n    int
	err  error
	read func(fd uintptr) bool // made once, for the same reason
}

// kernelStamped turns on receive timestamps for a TCP connection; nil if
// it is not one or the kernel refuses.
func kernelStamped(nc net.Conn) stampedReader {
	tc, ok := nc.(*net.TCPConn)
	if !ok {
		return nil
	}
	raw, err := tc.SyscallConn()
	if err != nil {
		return nil
	}
	var serr error
	if err := raw.Control(func(fd uintptr) {
		serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_TIMESTAMPNS, 1)
	}); err != nil || serr != nil {
		return nil
	}
	t := &tcpStamped{raw: raw}
	t.msg.Iov = &t.iov
	t.msg.Iovlen = 1
	t.msg.Control = &t.oob[0]
	t.read = t.recv
	return t
}

// stampListener turns on receive timestamps on the listening socket: the
// connections it accepts inherit them from their first byte, and the
// kernel, which turns timestamping on for everyone a moment after the
// first socket asks for it, keeps it on while the server listens.
func stampListener(ln net.Listener) {
	tl, ok := ln.(*net.TCPListener)
	if !ok {
		return
	}
	if raw, err := tl.SyscallConn(); err == nil {
		raw.Control(func(fd uintptr) {
			syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_TIMESTAMPNS, 1)
		})
	}
}

// recv is one recvmsg; false asks the poller to wait for input.
func (t *tcpStamped) recv(fd uintptr) bool {
	t.msg.SetControllen(len(t.oob))
	r, _, errno := syscall.Syscall(syscall.SYS_RECVMSG, fd, uintptr(unsafe.Pointer(&t.msg)), 0)
	switch {
	case errno == syscall.EAGAIN:
		return false
	case errno == syscall.EINTR:
		return t.recv(fd)
	case errno != 0:
		t.err = errno
	default:
		t.n = int(r)
		if t.n > 0 {
			t.at = stampOf(t.oob[:t.msg.Controllen])
		}
	}
	return true
}

// Read reads into b, as net.Conn's Read does (deadlines included).
func (t *tcpStamped) Read(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	t.iov.Base = &b[0]
	t.iov.SetLen(len(b))
	t.n, t.err = 0, nil
	err := t.raw.Read(t.read)
	t.iov.Base = nil // b is the caller's again
	if err != nil {
		return 0, err
	}
	if t.err != nil {
		return max(t.n, 0), t.err
	}
	if t.n == 0 {
		return 0, io.EOF
	}
	return t.n, nil
}

func (t *tcpStamped) arrived() int64 { return t.at }

// stampOf finds the SCM_TIMESTAMPNS control message in oob; without one,
// the time now.
func stampOf(oob []byte) int64 {
	for len(oob) >= syscall.SizeofCmsghdr {
		h := (*syscall.Cmsghdr)(unsafe.Pointer(&oob[0]))
		if h.Len < syscall.SizeofCmsghdr || int(h.Len) > len(oob) {
			break
		}
		data := oob[syscall.SizeofCmsghdr:h.Len]
		if h.Level == syscall.SOL_SOCKET && h.Type == syscall.SCM_TIMESTAMPNS && len(data) >= int(unsafe.Sizeof(syscall.Timespec{})) {
			ts := (*syscall.Timespec)(unsafe.Pointer(&data[0]))
			return ts.Nano()
		}
		oob = oob[cmsgSpace(int(h.Len)):]
	}
	return time.Now().UnixNano()
}

// cmsgSpace is a control message's length rounded up to its alignment.
func cmsgSpace(n int) int {
	const align = int(unsafe.Sizeof(uintptr(0)))
	return (n + align - 1) &^ (align - 1)
}
