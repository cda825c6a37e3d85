// check_aof.go holds the check-aof subcommand: `nosql check-aof [-fix]
// FILE` checks that an append-only file is a sequence of whole records and,
// with -fix, truncates it to its last whole record, as redis-check-aof
// does. It checks the format only, not what the commands mean.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// aofCheck is what checking a file found.
type aofCheck struct {
	size, whole, records int64
	problem              error // nil: the file is valid
}

// runCheckAOF is `nosql check-aof [-fix] FILE`; it exits 0 when the file
// is (or was made) valid, 1 when it is not, 2 on bad usage. The report goes
// to out; usage and errors that stop the check go to errOut.
func runCheckAOF(args []string, out, errOut io.Writer) int {
	fs := flag.NewFlagSet("check-aof", flag.ContinueOnError)
	fs.SetOutput(errOut)
	fix := fs.Bool("fix", false, "truncate the file to its last whole record (what follows is lost)")
	fs.Usage = func() {
		fmt.Fprintf(errOut, "usage: nosql check-aof [-fix] FILE\n\nChecks an append-only file; -fix truncates it to its last whole record.\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	path := fs.Arg(0)
	ck, err := checkAOF(path)
	if err != nil {
		fmt.Fprintf(errOut, "check-aof: %v\n", err)
		return 1
	}
	fmt.Fprintf(out, "AOF analyzed: filename=%s, size=%d, records=%d, ok_up_to=%d, diff=%d\n",
		path, ck.size, ck.records, ck.whole, ck.size-ck.whole)
	if ck.problem == nil {
		fmt.Fprintf(out, "AOF %s is valid\n", path)
		return 0
	}
	fmt.Fprintf(out, "%v\n", ck.problem)
	if !*fix {
		fmt.Fprintf(out, "AOF %s is not valid. Run `nosql check-aof -fix %s` to truncate it to %d bytes (the last %d bytes are lost).\n",
			path, path, ck.whole, ck.size-ck.whole)
		return 1
	}
	if err := truncateFile(path, ck.whole); err != nil {
		fmt.Fprintf(errOut, "check-aof: %v\n", err)
		return 1
	}
	fmt.Fprintf(out, "Successfully truncated AOF %s to %d bytes (%d bytes lost)\n", path, ck.whole, ck.size-ck.whole)
	return 0
}

// checkAOF reads every record of path.
func checkAOF(path string) (aofCheck, error) {
	f, err := os.Open(path)
	if err != nil {
		return aofCheck{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return aofCheck{}, err
	}
	ck := aofCheck{size: st.Size()}
	rr := newRecordReader(f, 0, 1<<20, maxAOFBulk)
	for {
		start, err := rr.next()
		switch {
		case err == nil:
			ck.records++
			continue
		case err == io.EOF:
			ck.whole = start
			return ck, nil
		case err == errTorn:
			ck.whole = start
			ck.problem = fmt.Errorf("the record at offset %d is cut short by the end of the file", start)
			return ck, nil
		}
		var d *aofDamage
		if !errors.As(err, &d) {
			return ck, err
		}
		ck.whole, ck.problem = d.record, d
		return ck, nil
	}
}

// truncateFile cuts path to size bytes and fsyncs it.
func truncateFile(path string, size int64) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Truncate(size); err != nil {
		return err
	}
	return f.Sync()
}
