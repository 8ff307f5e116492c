// A page without the package: what the test subtracts to get the package's share of a page.
export default function Plain() {
  return (
    <main>
      <h1>Subscribed calendar</h1>
      <p>
        <button id="load">Load</button> <output id="result">not loaded</output>
      </p>
    </main>
  );
}
