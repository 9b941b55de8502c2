import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { setTransport, type DeskStatus } from '../api';
import { createFakeTransport, type FakeTransport } from '../api/fake';
import { setDesk } from '../app/session.svelte';
import SettingsPage from './SettingsPage.svelte';

// A real 1×1 PNG.
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function pngFile(bytes: Uint8Array<ArrayBuffer>, name = 'logo.png'): File {
  return new File([bytes], name, { type: 'image/png' });
}

describe('the letterhead logo in Settings', () => {
  let fake: FakeTransport;

  beforeEach(async () => {
    fake = createFakeTransport({ scenario: 'demo', today: '2026-11-23', signedIn: 'owner' });
    setTransport(fake);
    setDesk((await fake.send('staff.me', {})) as DeskStatus);
  });

  it('uploads a PNG as base64, shows it, and removes it', async () => {
    render(SettingsPage);
    const section = await screen.findByTestId('logo-section');
    expect(section).toHaveTextContent('No logo');
    expect(screen.queryByTestId('logo-preview')).not.toBeInTheDocument();
    expect(screen.getByTestId('logo-file')).toHaveAttribute('accept', 'image/png');

    await fireEvent.change(screen.getByTestId('logo-file'), {
      target: { files: [pngFile(bytesOf(PNG))] },
    });
    const preview = await screen.findByTestId('logo-preview');
    expect(preview).toHaveAttribute('src', `data:image/png;base64,${PNG}`);
    expect(fake.calls.find((c) => c.op === 'settings.logo_set')?.args).toEqual({ base64: PNG });
    expect(await fake.send('settings.get', {})).toMatchObject({ hasLogo: true });

    await fireEvent.click(screen.getByTestId('logo-remove'));
    await waitFor(() => expect(screen.queryByTestId('logo-preview')).not.toBeInTheDocument());
    expect(await fake.send('settings.logo', {})).toEqual({ base64: '' });
  });

  it('shows the saved logo when the page opens', async () => {
    await fake.send('settings.logo_set', { base64: PNG });
    render(SettingsPage);
    expect(await screen.findByTestId('logo-preview')).toHaveAttribute(
      'src',
      `data:image/png;base64,${PNG}`,
    );
  });

  it('puts the core’s refusal of an oversized or unreadable file at error-base64', async () => {
    render(SettingsPage);
    const input = await screen.findByTestId('logo-file');

    const big = new Uint8Array(301 * 1024);
    big.set(bytesOf(PNG));
    await fireEvent.change(input, { target: { files: [pngFile(big, 'huge.png')] } });
    expect(await screen.findByTestId('error-base64')).toHaveTextContent(
      'The logo can be at most 300 KB',
    );
    expect(input).toHaveAttribute('aria-invalid', 'true');

    await fireEvent.change(input, {
      target: { files: [new File(['not a picture'], 'notes.png', { type: 'image/png' })] },
    });
    await waitFor(() =>
      expect(screen.getByTestId('error-base64')).toHaveTextContent('The logo must be a PNG image.'),
    );
    expect(screen.queryByTestId('logo-preview')).not.toBeInTheDocument();
    expect(fake.count('settings.logo_set')).toBe(2);
  });
});
