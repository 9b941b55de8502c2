import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { setTransport, type DeskStatus, type HandoutFilter, type SaveHandout } from '../api';
import { createFakeTransport, type FakeTransport } from '../api/fake';
import { setDesk } from '../app/session.svelte';
import HandoutsPage from './HandoutsPage.svelte';

const TODAY = '2026-11-23';

async function signIn(who: string): Promise<FakeTransport> {
  const fake = createFakeTransport({ scenario: 'demo', today: TODAY, signedIn: who });
  setTransport(fake);
  setDesk((await fake.send('staff.me', {})) as DeskStatus);
  return fake;
}

const rows = () => screen.queryAllByTestId('handouts-row');
const row = (title: string) => rows().find((r) => r.textContent?.includes(title));
const lastArgs = <T>(fake: FakeTransport, op: string) =>
  fake.calls.filter((c) => c.op === op).at(-1)?.args as T;

async function openHandout(title: string) {
  await waitFor(() => expect(row(title)).toBeDefined());
  await fireEvent.click(row(title)!);
  await waitFor(() => expect(screen.getByTestId('handout-title')).toHaveValue(title));
}

describe('the handout library page', () => {
  let fake: FakeTransport;

  beforeEach(async () => {
    fake = await signIn('maya');
  });

  it('filters by category and body region, asking the core with them', async () => {
    render(HandoutsPage);
    await waitFor(() => expect(rows()).toHaveLength(9));
    expect(row('Chin tucks')).toHaveTextContent('Posture and desk set-up · Neck');
    expect(row('Chin tucks')).toHaveTextContent('Palma library');
    expect(row('Chin tucks')).toHaveTextContent('Version 1');

    await fireEvent.change(screen.getByTestId('handouts-category'), {
      target: { value: 'stretch' },
    });
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(lastArgs<HandoutFilter>(fake, 'handouts.list')).toEqual({
      text: '',
      category: 'stretch',
      includeRetired: false,
    });
    expect(rows().map((r) => r.querySelector('.row-title')?.textContent)).toEqual([
      'Knee to chest stretch',
      'Upper trapezius stretch',
    ]);

    await fireEvent.change(screen.getByTestId('handouts-region'), { target: { value: 'neck' } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(lastArgs<HandoutFilter>(fake, 'handouts.list')).toEqual({
      text: '',
      category: 'stretch',
      region: 'neck',
      includeRetired: false,
    });
    expect(rows()[0]).toHaveTextContent('Upper trapezius stretch');
  });

  it('saves an edited step as a new version and says so', async () => {
    render(HandoutsPage);
    await openHandout('Chin tucks');
    const form = screen.getByTestId('handout-form');
    expect(within(form).getByTestId('handout-steps')).toHaveValue(
      'Sit or stand tall, looking straight ahead.\nSlide your chin straight back, as if making a double chin.\nHold, then relax.',
    );
    expect(within(form).getByTestId('handout-region-neck')).toBeChecked();
    expect(within(form).getByTestId('handout-category-select')).toHaveValue('posture_desk');
    expect(within(form).getByTestId('handout-dosage-repetitions')).toHaveValue(10);

    await fireEvent.input(within(form).getByTestId('handout-steps'), {
      target: {
        value:
          'Sit or stand tall, looking straight ahead.\n\nSlide your chin straight back.\nHold for a breath, then relax.\n',
      },
    });
    await fireEvent.input(within(form).getByTestId('handout-dosage-repetitions'), {
      target: { value: '8' },
    });
    await fireEvent.click(screen.getByTestId('handout-save'));

    expect(await screen.findByTestId('handout-saved')).toHaveTextContent(
      'Saved as version 2; sheets already printed keep their version.',
    );
    const sent = lastArgs<SaveHandout>(fake, 'handouts.save');
    expect(sent.id).toBe(row('Chin tucks')!.dataset.handoutId);
    expect(sent.content.steps).toEqual([
      'Sit or stand tall, looking straight ahead.',
      'Slide your chin straight back.',
      'Hold for a breath, then relax.',
    ]);
    expect(sent.content.dosage).toEqual({ holdSeconds: 5, repetitions: 8, timesPerDay: 3 });
    expect(sent.content.regions).toEqual(['neck']);
    await waitFor(() => expect(row('Chin tucks')).toHaveTextContent('Version 2'));
    expect(screen.getByTestId('handouts-page')).toHaveTextContent('Version 2');
  });

  it('shows the core’s step errors in place, naming the line', async () => {
    render(HandoutsPage);
    await openHandout('Cat and cow');
    const steps = screen.getByTestId('handout-steps');

    await fireEvent.input(steps, { target: { value: '  \n ' } });
    await fireEvent.click(screen.getByTestId('handout-save'));
    expect(await screen.findByTestId('error-steps')).toHaveTextContent('Give at least one step.');
    expect(steps).toHaveAttribute('aria-invalid', 'true');
    expect(steps.getAttribute('aria-describedby')).toContain(screen.getByTestId('error-steps').id);
    expect(screen.queryByTestId('handout-saved')).not.toBeInTheDocument();

    await fireEvent.input(steps, {
      target: { value: `Kneel on all fours.\n\n${'x'.repeat(301)}` },
    });
    expect(screen.queryByTestId('error-steps')).not.toBeInTheDocument();
    await fireEvent.click(screen.getByTestId('handout-save'));
    expect(await screen.findByTestId('error-steps.1')).toHaveTextContent(
      'Line 3: Step can be at most 300 characters.',
    );
    expect(fake.count('handouts.save')).toBe(2);
    expect((await fake.send('handouts.list', { text: 'cat' })) as unknown[]).toMatchObject([
      { version: 1 },
    ]);
  });

  it('retires a handout: hidden from the list unless “Show retired”, then restored', async () => {
    render(HandoutsPage);
    await openHandout('Using a heat pack');
    const id = row('Using a heat pack')!.dataset.handoutId;

    await fireEvent.click(screen.getByTestId('handout-retire'));
    await waitFor(() => expect(row('Using a heat pack')).toBeUndefined());
    expect(rows()).toHaveLength(8);
    expect(lastArgs(fake, 'handouts.retire')).toEqual({ id, retired: true });
    expect(screen.getByTestId('handout-retire')).toHaveTextContent('Restore');

    await fireEvent.click(screen.getByTestId('handouts-show-retired'));
    await waitFor(() => expect(row('Using a heat pack')).toHaveTextContent('Retired'));
    expect(lastArgs<HandoutFilter>(fake, 'handouts.list').includeRetired).toBe(true);
    expect(rows()).toHaveLength(9);

    await fireEvent.click(screen.getByTestId('handout-retire'));
    await waitFor(() => expect(row('Using a heat pack')).not.toHaveTextContent('Retired'));
    expect(lastArgs(fake, 'handouts.retire')).toEqual({ id, retired: false });
  });

  it('duplicates a handout into one of the clinic’s own and opens the copy', async () => {
    render(HandoutsPage);
    await openHandout('Belly breathing');
    const steps = (screen.getByTestId('handout-steps') as HTMLTextAreaElement).value;
    await fireEvent.click(screen.getByTestId('handout-duplicate'));
    await waitFor(() =>
      expect(screen.getByTestId('handout-title')).toHaveValue('Belly breathing (copy)'),
    );
    await waitFor(() => expect(row('Belly breathing (copy)')).toHaveTextContent('Our own'));
    expect(rows()).toHaveLength(10);
    expect(screen.getByTestId('handout-steps')).toHaveValue(steps);
    expect(screen.getByTestId('handouts-page')).toHaveTextContent(
      'This is your own copy: change it as you need.',
    );
    expect(row('Belly breathing (copy)')!.dataset.handoutId).not.toBe(
      row('Belly breathing')!.dataset.handoutId,
    );
  });

  it('adds a new handout with a drawing read from an .svg file, never as markup', async () => {
    render(HandoutsPage);
    await waitFor(() => expect(rows()).toHaveLength(9));
    await fireEvent.click(screen.getByTestId('handout-new'));
    await fireEvent.input(screen.getByTestId('handout-title'), {
      target: { value: 'Wrist circles' },
    });
    await fireEvent.change(screen.getByTestId('handout-category-select'), {
      target: { value: 'mobility' },
    });
    await fireEvent.click(screen.getByTestId('handout-region-hands_wrists'));
    await fireEvent.input(screen.getByTestId('handout-steps'), {
      target: { value: 'Make a loose fist.\nCircle your wrist slowly.' },
    });
    await fireEvent.input(screen.getByTestId('handout-cautions'), {
      target: { value: 'Your fingers tingle.' },
    });
    await fireEvent.input(screen.getByTestId('handout-dosage-repetitions'), {
      target: { value: '10' },
    });

    const drawing =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script><circle cx="5" cy="5" r="4"/></svg>';
    const file = new File([`<?xml version="1.0"?>\n${drawing}\n`], 'wrist.svg', {
      type: 'image/svg+xml',
    });
    await fireEvent.change(screen.getByTestId('handout-svg-file'), { target: { files: [file] } });
    const img = await screen.findByTestId('handout-illustration');
    expect(img.tagName).toBe('IMG');
    expect(img.getAttribute('src')).toBe(`data:image/svg+xml;utf8,${encodeURIComponent(drawing)}`);
    expect(document.querySelector('script')).toBeNull();

    await fireEvent.click(screen.getByTestId('handout-save'));
    expect(await screen.findByTestId('handout-saved')).toHaveTextContent('Added as version 1');
    const sent = lastArgs<SaveHandout>(fake, 'handouts.save');
    expect(sent.id).toBeUndefined();
    expect(sent.content).toEqual({
      title: 'Wrist circles',
      category: 'mobility',
      regions: ['hands_wrists'],
      forWhom: '',
      why: '',
      steps: ['Make a loose fist.', 'Circle your wrist slowly.'],
      cautions: ['Your fingers tingle.'],
      dosage: { repetitions: 10 },
      illustrationSvg: drawing,
    });
    await waitFor(() => expect(row('Wrist circles')).toHaveTextContent('Our own'));
    expect(screen.getByTestId('handout-duplicate')).toBeInTheDocument();

    await fireEvent.click(screen.getByTestId('handout-remove-drawing'));
    expect(screen.queryByTestId('handout-illustration')).not.toBeInTheDocument();
  });

  it('asks for a body region when none is ticked', async () => {
    render(HandoutsPage);
    await openHandout('Chin tucks');
    await fireEvent.click(screen.getByTestId('handout-region-neck'));
    await fireEvent.click(screen.getByTestId('handout-save'));
    expect(await screen.findByTestId('error-regions')).toHaveTextContent(
      'Choose one to six body regions.',
    );
  });

  it('lets reception read the library but not change it', async () => {
    fake = await signIn('reception');
    render(HandoutsPage);
    await openHandout('Chin tucks');
    expect(screen.queryByTestId('handout-new')).not.toBeInTheDocument();
    expect(screen.queryByTestId('handout-save')).not.toBeInTheDocument();
    expect(screen.queryByTestId('handout-duplicate')).not.toBeInTheDocument();
    expect(screen.queryByTestId('handout-retire')).not.toBeInTheDocument();
    expect(screen.getByTestId('handout-title')).toBeDisabled();
  });
});
