// The toolbar popup asks a tab what Chartguard sees there. On a portal whose
// record lives in a work frame of its shell (#14 part 1), the top frame's
// content script has no record: the frame that holds it answers instead. The
// frames are listed with scripting.executeScript (a no-op in each frame; its
// results carry the frame ids), which needs no permission beyond the host
// access the portals already have.
import { tabStatusSchema, type TabRequest, type TabStatus } from './tab-status';

export interface TabMessaging {
  /** Every frame id of the tab Chartguard may run in (frame 0, the top, included or not). */
  frameIds(tabId: number): Promise<number[]>;
  send(tabId: number, request: TabRequest, frameId: number): Promise<unknown>;
}

/** What the tab shows, and the frame to send its requests to: the top frame, or a child frame that holds the record. */
export async function tabStatusAndFrame(tabId: number, messaging: TabMessaging): Promise<{ status: TabStatus | null; frameId: number }> {
  const read = async (frameId: number) => {
    try {
      const parsed = tabStatusSchema.safeParse(await messaging.send(tabId, { type: 'tab.status' }, frameId));
      return parsed.success ? parsed.data : null;
    } catch {
      return null; // No content script in that frame.
    }
  };
  const top = await read(0);
  if (top?.panel) return { status: top, frameId: 0 };
  let frames: number[];
  try {
    frames = (await messaging.frameIds(tabId)).filter((frameId) => frameId !== 0);
  } catch {
    frames = [];
  }
  for (const frameId of frames) {
    const status = await read(frameId);
    if (status?.panel) return { status, frameId };
  }
  return { status: top, frameId: 0 };
}
