import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  decideThroughPage,
  sandboxPosts,
  submitItem,
  waitFor,
  waitForApprovalLink,
  waitForPublished,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

const { rt } = useRuntime();

describe('images Instagram would refuse are converted before upload', () => {
  it('a tall PNG poster goes to Instagram as a 4:5 JPEG and to X as the original PNG', async () => {
    const png = await sharp({ create: { width: 600, height: 1500, channels: 4, background: '#1a7f37' } })
      .png()
      .toBuffer();
    const caption = `Poster tinggi PNG ${Date.now()}: cek jentik nyamuk setiap minggu.`;
    const id = await submitItem(rt, {
      caption,
      media: [{ dataBase64: png.toString('base64'), altText: 'Poster 3M Plus' }],
    });
    await decideThroughPage(rt, await waitForApprovalLink(rt, id), 'approve');
    const posts = await waitFor('both posts', async () => {
      const mine = (await sandboxPosts(rt)).filter((p) => p.text.startsWith('Poster tinggi PNG'));
      return mine.length === 2 ? mine : undefined;
    });
    const ig = posts.find((p) => p.platform === 'instagram');
    const xPost = posts.find((p) => p.platform === 'x');
    expect(ig?.media).toEqual([
      expect.objectContaining({
        contentType: 'image/jpeg',
        width: 1200,
        height: 1500,
        altText: 'Poster 3M Plus',
      }),
    ]);
    expect(xPost?.media).toEqual([expect.objectContaining({ contentType: 'image/png', bytes: png.length })]);
    // The sandbox holds a post a moment before Sebar records it: wait for the record, not the post.
    expect(await waitForPublished(rt, id)).toEqual({ instagram: ig?.id, x: xPost?.id });
  });
});
