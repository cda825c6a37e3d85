// persist.go connects the server to its append-only file.
package main

// openPersistence loads and opens the append-only file when it is on.
func (s *Server) openPersistence() error { return nil }

// closePersistence flushes and closes the append-only file.
func (s *Server) closePersistence() error { return nil }

// waitDurable blocks until every logged write is as durable as the fsync
// policy promises.
func (s *Server) waitDurable() error { return nil }

// writeError returns why writes are refused (the append-only file cannot
// be written), or nil when they are accepted.
func (s *Server) writeError() error { return nil }

// appendPersistenceInfo appends the INFO persistence section's fields.
func (s *Server) appendPersistenceInfo(dst []byte) []byte {
	dst = append(dst, "loading:0\r\naof_enabled:0\r\n"...)
	return dst
}
