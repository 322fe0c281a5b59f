// Every story's evidence pack, one file each, generated at build time by its generator in
// src/evidence (see packs.ts): the page links to it and shows the commands that read it.
import type { APIRoute, GetStaticPaths } from 'astro';
import { evidencePacks } from '~/evidence/packs.ts';

export const getStaticPaths = (() =>
  evidencePacks.map((pack) => ({
    params: { file: pack.file },
    props: { file: pack.file },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const pack = evidencePacks.find((p) => p.file === props.file);
  if (!pack) return new Response('no such evidence pack', { status: 404 });
  return new Response(pack.generate(), { headers: { 'Content-Type': `${pack.contentType}; charset=utf-8` } });
};
