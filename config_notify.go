// config_notify.go holds notify-keyspace-events: its flags, read from and
// written as Redis 7.0's class characters.
package main

// Keyspace notification flags, Redis's NOTIFY_* values.
const (
	notifyKeyspace = 1 << iota // K: __keyspace@<db>__ events
	notifyKeyevent             // E: __keyevent@<db>__ events
	notifyGeneric              // g: DEL, EXPIRE, RENAME, ...
	notifyString               // $
	notifyList                 // l
	notifySet                  // s
	notifyHash                 // h
	notifyZset                 // z
	notifyExpired              // x
	notifyEvicted              // e
	notifyStream               // t
	notifyKeyMiss              // m
	notifyLoaded               // (modules only)
	notifyModule               // d
	notifyNew                  // n
	// notifyAll is the class A stands for.
	notifyAll = notifyGeneric | notifyString | notifyList | notifySet | notifyHash | notifyZset |
		notifyExpired | notifyEvicted | notifyStream | notifyModule
)

// notifyChar is one class character and its flag.
type notifyChar struct {
	ch   byte
	flag int
}

// notifyClasses are the type classes in the order Redis writes them.
var notifyClasses = []notifyChar{{'g', notifyGeneric}, {'$', notifyString}, {'l', notifyList}, {'s', notifySet}, {'h', notifyHash},
	{'z', notifyZset}, {'x', notifyExpired}, {'e', notifyEvicted}, {'t', notifyStream}, {'d', notifyModule}, {'n', notifyNew}}

// notifyOthers are the other characters, in the order Redis writes them.
var notifyOthers = []notifyChar{{'K', notifyKeyspace}, {'E', notifyKeyevent}, {'m', notifyKeyMiss}}

// checkNotify parses a notify-keyspace-events value into its flags.
func checkNotify(v string) (int64, string) {
	flags := 0
next:
	for i := 0; i < len(v); i++ {
		if v[i] == 'A' {
			flags |= notifyAll
			continue
		}
		for _, set := range [][]notifyChar{notifyClasses, notifyOthers} {
			for _, c := range set {
				if c.ch == v[i] {
					flags |= c.flag
					continue next
				}
			}
		}
		return 0, "Invalid event class character. Use 'Ag$lshzxeKEtmdn'."
	}
	return int64(flags), ""
}

// notifyText writes flags as Redis does: A for all the classes it
// stands for (n is then not written), else each class, then K, E and m.
func notifyText(flags int) string {
	var b []byte
	if flags&notifyAll == notifyAll {
		b = append(b, 'A')
	} else {
		for _, c := range notifyClasses {
			if flags&c.flag != 0 {
				b = append(b, c.ch)
			}
		}
	}
	for _, c := range notifyOthers {
		if flags&c.flag != 0 {
			b = append(b, c.ch)
		}
	}
	return string(b)
}
