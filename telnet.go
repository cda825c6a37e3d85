// telnet.go removes telnet commands from line-framed input, as a telnet
// client interleaves them with what its user types: IAC IAC is one 0xFF
// byte, option negotiation and subnegotiation are dropped, Interrupt
// Process (Ctrl-C) discards the line typed so far, and DO TIMING-MARK is
// answered WILL TIMING-MARK so the client goes on showing replies.
package main

// Telnet command bytes (RFC 854, 860, 1184).
const (
	tnIAC   = 0xFF // interpret as command
	tnDONT  = 0xFE
	tnDO    = 0xFD
	tnWONT  = 0xFC
	tnWILL  = 0xFB
	tnSB    = 0xFA // subnegotiation begins
	tnEL    = 0xF8 // erase line
	tnIP    = 0xF4 // interrupt process
	tnSE    = 0xF0 // subnegotiation ends
	tnABORT = 0xEE // linemode abort
	tnTM    = 0x06 // the TIMING-MARK option
)

// tnState is where the reader is in a telnet command.
type tnState uint8

const (
	tnData   tnState = iota // not in a command
	tnCmd                   // after IAC
	tnOpt                   // after IAC WILL, WONT or DONT: the option byte follows
	tnDoOpt                 // after IAC DO: the option byte follows
	tnSub                   // inside IAC SB ... IAC SE
	tnSubIAC                // after IAC inside a subnegotiation
)

// tnStep consumes byte c of a telnet command. It reports whether c ends an
// IAC IAC (a literal 0xFF byte of data) and whether the command discards
// the line typed so far.
func (r *reader) tnStep(c byte) (literal, discard bool) {
	switch r.tn {
	case tnCmd:
		r.tn = tnData
		switch c {
		case tnIAC:
			return true, false
		case tnWILL, tnWONT, tnDONT:
			r.tn = tnOpt
		case tnDO:
			r.tn = tnDoOpt
		case tnSB:
			r.tn = tnSub
		case tnIP, tnEL, tnABORT:
			return false, true
		}
	case tnOpt:
		r.tn = tnData
	case tnDoOpt:
		r.tn = tnData
		if c == tnTM {
			r.tnOut = append(r.tnOut, tnIAC, tnWILL, tnTM)
		}
	case tnSub:
		if c == tnIAC {
			r.tn = tnSubIAC
		}
	case tnSubIAC:
		r.tn = tnSub
		if c == tnSE {
			r.tn = tnData
		}
	}
	return false, false
}

// appendTelnet appends the telnet answers the input has asked for to dst.
func (r *reader) appendTelnet(dst []byte) []byte {
	if len(r.tnOut) == 0 {
		return dst
	}
	dst = append(dst, r.tnOut...)
	r.tnOut = r.tnOut[:0]
	return dst
}
