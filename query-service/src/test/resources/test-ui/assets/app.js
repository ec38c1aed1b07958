console.log("vigil-test-asset");
