// Story 7's evidence pack: a recording, not a simulation. scripts/record-tls-transcript.sh makes a
// throwaway private CA and a leaf certificate for the story's hostname, serves the leaf alone from
// `openssl s_server` on 127.0.0.1, and records what `openssl s_client` and `curl -v` print against it.
// The recording is committed (tls-handshake.txt) and read here at build time.
const recordings = import.meta.glob<string>('./tls-handshake.txt', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export function tlsHandshakeTranscript(): string {
  const text = recordings['./tls-handshake.txt'];
  if (!text)
    throw new Error(
      'site/src/evidence/tls-handshake.txt is missing: run site/scripts/record-tls-transcript.sh',
    );
  return text;
}
