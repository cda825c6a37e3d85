// main_test.go tests the nosql binary as a user runs it: flags, the
// listening log line, and a clean exit on SIGTERM with in-flight answers.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestMain removes the binary buildBinary built, and fails the run if a
// test left a data directory in the repository (tests use temp dirs).
func TestMain(m *testing.M) {
	_, before := os.Stat(DefaultConfig().Dir)
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	if _, after := os.Stat(DefaultConfig().Dir); before != nil && after == nil {
		fmt.Fprintf(os.Stderr, "FAIL: a test created ./%s; tests must use t.TempDir()\n", DefaultConfig().Dir)
		code = 1
	}
	os.Exit(code)
}

// buildBinary builds nosql once per test binary run into a temp dir.
func buildBinary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := osMkdirTemp()
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "nosql")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = &buildError{out: string(out), err: err}
		}
	})
	if binErr != nil {
		t.Fatalf("go build: %v", binErr)
	}
	return binPath
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }

// startBinary runs the nosql binary with args plus -addr 127.0.0.1:0 and
// returns the process and the address from its "listening" log line.
func startBinary(t *testing.T, args ...string) (*exec.Cmd, string, *bytes.Buffer) {
	t.Helper()
	return startBinaryCmd(t, exec.Command(buildBinary(t), append([]string{"-addr", "127.0.0.1:0"}, args...)...))
}

// startBinaryCmd starts cmd, a nosql server (possibly run through a
// shell), and returns it with its address and logs as startBinary does.
func startBinaryCmd(t *testing.T, cmd *exec.Cmd) (*exec.Cmd, string, *bytes.Buffer) {
	t.Helper()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	logs := &bytes.Buffer{}
	var mu sync.Mutex
	addrc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		re := regexp.MustCompile(`msg="nosql listening" addr=(\S+)`)
		for sc.Scan() {
			mu.Lock()
			logs.WriteString(sc.Text() + "\n")
			mu.Unlock()
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addrc <- m[1]
			}
		}
	}()
	select {
	case addr := <-addrc:
		return cmd, addr, logs
	case <-time.After(20 * time.Second):
		t.Fatalf("no listening line; logs:\n%s", logs.String())
	}
	return nil, "", nil
}

func TestBinaryHelpAndBadFlags(t *testing.T) {
	out, err := exec.Command(buildBinary(t), "-h").CombinedOutput()
	if err != nil {
		t.Fatalf("-h: %v", err)
	}
	for _, flag := range []string{"-addr", "-max-request", "-log-level"} {
		if !strings.Contains(string(out), flag) {
			t.Errorf("-h does not document %s:\n%s", flag, out)
		}
	}
	for _, args := range [][]string{{"-log-level", "loud"}, {"-max-request", "0"}, {"-nosuch"}, {"extra"},
		{"-maxclients", "0"}, {"-timeout", "-1"}, {"-tcp-keepalive", "-1"}, {"-protected-mode", "maybe"},
		{"-maxmemory", "1x"}, {"-key-load-delay", "2147483648"}} {
		cmd := exec.Command(buildBinary(t), args...)
		out, err := cmd.CombinedOutput()
		if err == nil || cmd.ProcessState.ExitCode() != 2 {
			t.Errorf("%q: exit %v, want 2\n%s", args, err, out)
		}
	}
}

func TestBinarySIGTERM(t *testing.T) {
	cmd, addr, _ := startBinary(t, "-appendonly=false")
	cl := dial(t, addr)
	if got := cl.text("PUT;a;1;INT"); got != "True;Key [a] set to [1]" {
		t.Fatalf("PUT: %q", got)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if _, err := cl.rd.ReadByte(); err == nil {
		t.Fatal("connection still open after SIGTERM")
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit: %v, want 0", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("did not exit within 10s of SIGTERM")
	}
}

func osMkdirTemp() (string, error) { return os.MkdirTemp("", "nosql-bin-") }
