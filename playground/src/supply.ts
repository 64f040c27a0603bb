export function mountSupply(host: HTMLElement): void {
  host.textContent = 'World supply: coming.';
}
