//go:build !(linux && (amd64 || arm64))

// arrival_other.go: systems without receive timestamps use the read's.
package main

import "net"

// kernelStamped is nil here: the read's time stands in (arrival.go).
func kernelStamped(net.Conn) stampedReader { return nil }

// stampListener does nothing here.
func stampListener(net.Listener) {}
