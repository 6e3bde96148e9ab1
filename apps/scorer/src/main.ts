console.log('scorer')
