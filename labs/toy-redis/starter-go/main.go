// Your toy Redis. It starts, listens and accepts connections, and does nothing else yet: the first
// stage after `bind` fails until it answers PING. Grow it stage by stage (README.md lists them).
//
// Only Go's standard library is used, so nothing is downloaded. Print whatever helps you: when a
// check fails, the tester shows your program's last lines of output.
package main

import (
	"flag"
	"fmt"
	"net"
	"os"
)

func main() {
	port := flag.Int("port", 6379, "the port to listen on")
	dir := flag.String("dir", ".", "the directory for the append-only log")
	flag.Parse()

	address := fmt.Sprintf("127.0.0.1:%d", *port)
	listener, err := net.Listen("tcp", address)
	if err != nil {
		fmt.Fprintf(os.Stderr, "cannot listen on %s: %v\n", address, err)
		os.Exit(1)
	}
	fmt.Printf("toy redis listening on %s (data directory: %s)\n", address, *dir)

	for {
		conn, err := listener.Accept()
		if err != nil {
			fmt.Printf("accept failed: %v\n", err)
			continue
		}
		// One goroutine per client, so a slow client never holds up the others.
		go handle(conn)
	}
}

func handle(conn net.Conn) {
	defer conn.Close()
	fmt.Printf("client connected from %s\n", conn.RemoteAddr())
	buffer := make([]byte, 4096)
	for {
		n, err := conn.Read(buffer)
		if n > 0 {
			// The bytes of one or more commands (or part of one). Showing them quoted makes RESP
			// visible: PING arrives as "*1\r\n$4\r\nPING\r\n".
			fmt.Printf("received %q\n", buffer[:n])
			// Stage ping: reply to PING with the simple string "+PONG\r\n", e.g.
			// conn.Write([]byte("+PONG\r\n")).
		}
		if err != nil {
			// io.EOF: the client disconnected. Anything else (e.g. a reset): log it, never crash on it.
			fmt.Printf("client disconnected (%v)\n", err)
			return
		}
	}
}
